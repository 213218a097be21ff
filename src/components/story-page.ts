// What a story page imports: the build writes one import of this module into
// every story page (data-loaders/site/story-page.ts), so the page gets the
// study, its notice, claim badges, terms and figures from one place.
// @ts-expect-error study-files.js is plain JavaScript (Framework's FileAttachment needs literal names there)
export {loadStudy} from "./study-files.js";
export {PlaceholderNotice, ReconstructionNotice, StudyNotes, placeholderMark} from "./notice.js";
export {claimBadgesById} from "./claim-badges.js";
export {term} from "./term.js";
export {storyFigure} from "./story-figure.js";
