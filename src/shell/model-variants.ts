/**
 * The model's half of Atlas's tree of thoughts: with a model configured, the translator is asked
 * once for up to K other ways to do a planned request (src/intel/propose.ts). Its valid plans
 * become variants, planned and previewed by Atlas like any other (roots, rights, critique,
 * graph check); the ones it could not validate are dropped with their reason. Whatever goes
 * wrong with the model (garbage, a cut stream, a timeout, 429s past the retry rules) leaves the
 * offline alternatives standing, with one line saying so; it never fails the request.
 *
 * @example
 * const model = await modelVariants(translator, planned, { k: 3, asked: plan, context });
 * // { model: 'qwen2.5:7b', variants: [...], dropped: [{ label, source: 'model', reason }] }
 */
import type { Plan, Proposed, TranslateContext, Translator } from '../intel/intent.ts';
import {
  type Alternatives,
  type ModelVariants,
  type PlannedVariant,
  planOf,
  rankAlternatives,
  type VariantPlanner,
} from './alternatives.ts';
import type { PlannedRequest } from './types.ts';

/** The model's variants of `planned`, or undefined when the translator has no model. */
export async function modelVariants(
  translator: Translator,
  planned: PlannedRequest,
  o: { k: number; asked: Plan; context: TranslateContext },
): Promise<ModelVariants | undefined> {
  if (!translator.propose) return undefined;
  let got: Proposed;
  try {
    got = await translator.propose(planned.request, o.context, { k: o.k, asked: o.asked });
  } catch (error) {
    if (o.context.signal?.aborted) throw error;
    got = { failed: (error as Error).message, trail: [] };
  }
  if ('failed' in got)
    return {
      variants: [],
      dropped: [],
      note: `The model proposed no alternatives (${got.failed}); these are the offline ones`,
    };
  const out: ModelVariants = { model: got.model, variants: [], dropped: [] };
  for (const p of got.proposals) {
    if (p.plan)
      out.variants.push({
        label: p.label,
        plan: p.plan,
        confidence: p.confidence,
        source: 'model',
        model: got.model,
        ...(p.rationale ? { rationale: p.rationale } : {}),
      });
    else out.dropped.push({ label: p.label, source: 'model', reason: p.problem ?? 'no plan' });
  }
  return out;
}

/**
 * The alternatives of `first`: the model's, when the translator has one, and the offline ones,
 * each planned through `ways` and ranked (alternatives.ts).
 */
export async function alternativesOf(
  first: PlannedVariant,
  k: number,
  o: { translator: Translator; context: TranslateContext; ways: VariantPlanner },
): Promise<Alternatives> {
  const asked = first.plan ?? planOf(first.planned);
  const model = await modelVariants(o.translator, first.planned, { k, asked, context: o.context });
  return rankAlternatives(first, k, o.ways, model);
}
