export {
  DEFAULT_NUMBERING,
  nextComplaintNumber,
  NumberingSchema,
  parseComplaintNumber,
  type ComplaintNumberParts,
  type NumberingPattern,
} from './numbering.js';
