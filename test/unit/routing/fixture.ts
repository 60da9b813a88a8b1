/** A small support knowledge base used by the routing tests. */
import type { ArticleSpec, ConversationContext, IntentSpec, SolvedTicketSpec, TrainingInput } from '../../../api/domain/routing/index.js';

export const CTX: ConversationContext = { noCount: 0, answeredIntentIds: [], turn: 0 };

function intent(id: string, examples: string[], extra: Partial<IntentSpec> = {}): IntentSpec {
  return {
    id,
    name: id.replace(/-/g, ' '),
    description: '',
    reason: 'information',
    keywords: [],
    phrases: [],
    negativeKeywords: [],
    examples,
    answer: { kind: 'canned', text: `answer for ${id}` },
    enabled: true,
    ...extra,
  };
}

export const INTENTS: IntentSpec[] = [
  intent('reset-password', [
    'how do i reset my password',
    'i forgot my password',
    'password reset link not working',
    'can not log in, need a new password',
    'change my login password',
  ], { keywords: ['password'], reason: 'service', answer: { kind: 'article', articleId: 'a-password' } }),
  intent('refund', [
    'i want my money back',
    'how do i get a refund',
    'refund my order please',
    'can i return this for a refund',
    'when will i receive my refund',
  ], { keywords: ['refund'], negativeKeywords: ['policy'] }),
  intent('shipping-status', [
    'where is my package',
    'track my order',
    'when will my order arrive',
    'my parcel has not arrived yet',
    'shipping status of my order',
  ], { phrases: ['where is my parcel'], reason: 'information' }),
  intent('cancel-subscription', [
    'cancel my subscription',
    'how do i stop my plan',
    'i want to unsubscribe from the monthly plan',
    'end my membership',
    'stop billing me every month',
  ], { reason: 'service', answer: null }),
  intent('opening-hours', [
    'what are your opening hours',
    'when are you open',
    'are you open on sunday',
    'what time do you close',
    'business hours',
  ]),
  intent('old-promo', ['is the summer promo code still valid', 'summer discount code', 'promo code for summer sale'], { enabled: false }),
];

export const ARTICLES: ArticleSpec[] = [
  { id: 'a-password', title: 'Resetting your password', keywords: ['password', 'login'], body: 'Open the sign-in page and choose Forgot password. We email you a link valid for one hour.' },
  { id: 'a-warranty', title: 'Warranty coverage for devices', keywords: ['warranty', 'guarantee'], body: 'Every device has a two year warranty covering manufacturing defects. Water damage is not covered by the warranty.' },
  { id: 'a-gift', title: 'Gift cards', keywords: ['gift card', 'voucher'], body: 'Gift cards never expire and can be used on any order. Gift card balance is shown at checkout.' },
];

export const TICKETS: SolvedTicketSpec[] = [
  { id: 't-1', number: 101, question: 'the invoice pdf shows the wrong company vat number', intentId: null, solvedBy: 'agent-ana' },
  { id: 't-2', number: 102, question: 'vat number missing on my invoice', intentId: null, solvedBy: 'agent-ana' },
  { id: 't-3', number: 103, question: 'bulk discount for schools and universities', intentId: null, solvedBy: 'agent-bo' },
];

export const INPUT: TrainingInput = { intents: INTENTS, articles: ARTICLES, solvedTickets: TICKETS };
