import { z } from 'zod';
import { headerShape } from './header.js';
import { zId } from '../bands/bands.js';
import { zTimeZone } from '../calendar/schema.js';

/**
 * What a rule file of a pack may be called: a plain name ending in `.json`, no folders.
 *
 * @category Packs
 * @internal
 */
export const PACK_FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*\.json$/;

/**
 * Pack-wide settings.
 *
 * @category Packs
 */
export const zPackSettings = z
  .strictObject({
    timeZone: zTimeZone.default('Asia/Shanghai').meta({ description: 'IANA time zone of the company, e.g. "Asia/Shanghai".' }),
    currency: z.string().regex(/^[A-Z]{3}$/).default('CNY').meta({ description: 'ISO 4217 currency of all amounts.' }),
    rounding: z.enum(['half-up', 'half-even']).default('half-up').meta({ description: 'The one final rounding of money to the fen.' }),
  })
  .meta({ description: 'Pack-wide settings.' });

/**
 * Pack-wide settings, defaults applied.
 *
 * @category Packs
 */
export type PackSettings = z.output<typeof zPackSettings>;

/**
 * The manifest (`manifest.json`) of a pack: its header, settings, and the
 * files that make it up.
 *
 * @category Packs
 */
export const ManifestSchema = z
  .strictObject({
    ...headerShape('Manifest'),
    name: z.string().max(200).optional().meta({ description: 'Display name of the pack.' }),
    sources: z.array(z.string().max(500)).max(100).optional().meta({ description: 'The policy documents this pack implements.' }),
    settings: zPackSettings.default({ timeZone: 'Asia/Shanghai', currency: 'CNY', rounding: 'half-up' }),
    files: z
      .array(z.string().regex(PACK_FILE_NAME, { error: 'file names are plain names ending in .json (no folders)' }))
      .min(1)
      .max(64)
      .meta({ description: 'Rule files of the pack, relative to the manifest.' }),
    extends: zId.optional().meta({ description: 'Reserved for overlays (a later release).' }),
  })
  .meta({ id: 'Manifest', title: 'aftersales-policy manifest' });

/**
 * A parsed manifest.
 *
 * @category Packs
 */
export type Manifest = z.output<typeof ManifestSchema>;
