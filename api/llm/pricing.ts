/**
 * List prices in US dollars per million tokens (input, output), for the cost estimate shown to
 * admins. An estimate only: unknown models (a local model, a custom deployment name) cost 0.
 */
const PRICES: [RegExp, number, number][] = [
  [/^gpt-4o-mini/, 0.15, 0.6],
  [/^gpt-4o/, 2.5, 10],
  [/^gpt-4\.1-nano/, 0.1, 0.4],
  [/^gpt-4\.1-mini/, 0.4, 1.6],
  [/^gpt-4\.1/, 2, 8],
  [/^text-embedding-3-small/, 0.02, 0],
  [/^text-embedding-3-large/, 0.13, 0],
];

/** Millionths of a dollar: a dollar per million tokens is a micro-dollar per token. */
export function estimateCostMicroUsd(model: string, promptTokens: number, completionTokens: number): number {
  const price = PRICES.find(([re]) => re.test(model));
  if (!price) return 0;
  return Math.round(promptTokens * price[1] + completionTokens * price[2]);
}
