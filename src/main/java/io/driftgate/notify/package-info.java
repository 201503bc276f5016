/**
 * Decision notifications by webhook (docs/notifications.md): which webhooks want which decisions
 * ({@link io.driftgate.notify.Webhook}), the bodies they receive ({@link
 * io.driftgate.notify.NotificationPayload}, {@link io.driftgate.notify.SlackPayload}), how they are
 * signed ({@link io.driftgate.notify.WebhookSignature}) and the dispatcher that posts the outbox's
 * rows ({@link io.driftgate.notify.WebhookDispatcher}). Plain Java: the job only enqueues and
 * starts the dispatcher, so every rule here is tested without Flink.
 */
package io.driftgate.notify;
