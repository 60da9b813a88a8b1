import { relations } from 'drizzle-orm';
import { sites } from './sites.js';
import { articles, articleVersions } from './articles.js';
import { intents } from './intents.js';
import { conversations } from './conversations.js';
import { messages } from './messages.js';
import { tickets, ticketEvents } from './tickets.js';
import { contacts } from './contacts.js';

export const sitesRelations = relations(sites, ({ many }) => ({
  articles: many(articles),
  intents: many(intents),
  conversations: many(conversations),
}));
export const articlesRelations = relations(articles, ({ one, many }) => ({
  site: one(sites, { fields: [articles.siteId], references: [sites.id] }),
  versions: many(articleVersions),
}));
export const articleVersionsRelations = relations(articleVersions, ({ one }) => ({
  article: one(articles, { fields: [articleVersions.articleId], references: [articles.id] }),
}));
export const intentsRelations = relations(intents, ({ one }) => ({
  site: one(sites, { fields: [intents.siteId], references: [sites.id] }),
  article: one(articles, { fields: [intents.answerArticleId], references: [articles.id] }),
}));
export const conversationsRelations = relations(conversations, ({ one, many }) => ({
  site: one(sites, { fields: [conversations.siteId], references: [sites.id] }),
  contact: one(contacts, { fields: [conversations.contactId], references: [contacts.id] }),
  messages: many(messages),
}));
export const messagesRelations = relations(messages, ({ one }) => ({
  conversation: one(conversations, { fields: [messages.conversationId], references: [conversations.id] }),
}));
export const ticketsRelations = relations(tickets, ({ one, many }) => ({
  conversation: one(conversations, { fields: [tickets.conversationId], references: [conversations.id] }),
  contact: one(contacts, { fields: [tickets.contactId], references: [contacts.id] }),
  events: many(ticketEvents),
}));
export const ticketEventsRelations = relations(ticketEvents, ({ one }) => ({
  ticket: one(tickets, { fields: [ticketEvents.ticketId], references: [tickets.id] }),
}));
