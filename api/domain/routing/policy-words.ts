/**
 * The word lists the hand-off policy uses, in one place so they can be read, reviewed and
 * translated. English only for now. Everything is matched on normalised text (lower case, no
 * punctuation, contractions expanded), on whole words.
 *
 * Keep these generic: they describe how people ask for a human, complain or signal urgency,
 * never the subject of any particular business.
 */

/** Unambiguous names for a person: any contact verb before them is a request for a human. */
export const PERSON_NOUNS = [
  'human', 'humans', 'person', 'agent', 'agents', 'representative', 'rep', 'operator', 'live agent',
  'live person', 'real person', 'real human', 'human being', 'actual person', 'customer service',
  'customer support', 'support team', 'support agent', 'service agent',
];

/** Names that are only a request for a human after a verb of talking ("speak to someone"). */
export const SOFT_PERSON_NOUNS = ['someone', 'somebody', 'people', 'staff', 'manager', 'supervisor', 'employee', 'anyone', 'anybody'];

/** Verbs of talking: allowed before both noun lists. */
export const TALK_VERBS = ['talk', 'speak', 'chat', 'connect me', 'transfer me', 'put me through', 'escalate'];

/** Verbs of wanting: allowed before PERSON_NOUNS only ("i want a human"). */
export const WANT_VERBS = ['want', 'need', 'get me', 'give me', 'reach', 'contact', 'call'];

/** Messages (or parts) that ask for a person without a verb. */
export const PERSON_REQUESTS = [
  'human please', 'person please', 'agent please', 'representative please', 'operator please',
  'real person', 'live agent', 'live person', 'human being', 'real human', 'actual person',
  'not a bot', 'not a robot', 'not a machine',
];

/** Strongly negative words (weight 2) and milder ones (weight 1). Threshold: total ≥ 2. */
export const NEGATIVE_STRONG = [
  'hate', 'worst', 'furious', 'unacceptable', 'disgusting', 'pathetic', 'useless', 'scam', 'outrageous',
  'ridiculous', 'horrible', 'awful', 'terrible', 'appalling', 'livid', 'disgraceful', 'incompetent',
  'rip off', 'ripoff', 'lawyer', 'sue you',
];
export const NEGATIVE_MILD = [
  'angry', 'annoyed', 'annoying', 'frustrated', 'frustrating', 'disappointed', 'disappointing', 'upset',
  'stupid', 'sick of', 'fed up', 'waste of time', 'nonsense', 'never again', 'still not', 'still waiting',
];

/** Urgency words: any one of them triggers an urgent hand-off. */
export const URGENCY = [
  'urgent', 'urgently', 'emergency', 'asap', 'as soon as possible', 'critical', 'time sensitive',
  'cannot wait', 'can not wait', 'top priority',
];
