package dev.tiergate.eval.judged;

/** A finished row with the figures the report derived from it. */
public record ScoredRow(EvalRow row, RowFigures figures) {}
