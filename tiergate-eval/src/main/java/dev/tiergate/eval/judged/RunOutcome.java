package dev.tiergate.eval.judged;

import java.nio.file.Path;

/**
 * What one invocation did, for the command line; the figures are in {@link #results()}.
 *
 * @param resumed    rows taken from the checkpoint of an earlier run
 * @param ranNow     rows finished by this invocation
 * @param errors     prompts that failed with an unexpected error (left for a rerun)
 * @param firstError the first such error, null when none
 */
public record RunOutcome(RunStatus status, int resumed, int ranNow, int errors, String firstError, Path dir, EvalResults results) {}
