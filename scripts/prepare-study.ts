// Run at install (`npm install` runs "prepare"): generates the reconstructed
// land cover of a study whose study file sets `inputs.generate` (the embedded
// default study's), so that the first `npm run dev` starts from its rasters
// instead of spending about 20 s making them while the newcomer waits. The same
// generator, with the same checks, runs again on any start that finds the
// rasters missing or stale (data-loaders/study/run-study.ts, ensureReconstruction);
// this only moves the first run to install. Writes only into the pipeline's own
// .cache/ folder, never next to a study's own files.
import {readStudy} from "../data-loaders/study/read-study.js";
import {DEFAULT_STUDY, ensureReconstruction} from "../data-loaders/study/run-study.js";

const file = process.env.ATLAS_STUDY || DEFAULT_STUDY;
try {
  const loaded = readStudy(file);
  if (loaded.paths.generate) await ensureReconstruction(loaded);
} catch (error) {
  // A failure here must not fail `npm install`: the first run generates again and reports it with the study's context.
  process.stderr.write(
    `prepare: the study's reconstruction was not generated (${(error as Error).message}); the first run will try again\n`
  );
}
