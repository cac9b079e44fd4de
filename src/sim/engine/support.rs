//! Support conversations: questions, answers on the simulated clock, and what support does
//! for a buyer beyond answering — chasing a stalled refund, filing a chargeback, passing a
//! question to the seller and bringing the answer back, cancelling or intercepting an
//! order. What it suggests comes from what the order allows now, never from a fixed text.

use super::{Due, Simulation};
use crate::sim::action::{ChargebackRoute, Refusal};
use crate::sim::agent::{Situation, Trigger};
use crate::sim::log::{Fact, Party};
use crate::sim::policy::{FaqEntry, OfferKind, SupportAct};
use crate::sim::time::{Span, show};
use crate::sim::world::{Author, Channel, Conversation, Message, RefundStage};

/// What a buyer's message to support says, as `write_to_support` receives it.
pub(super) struct Question {
    pub category: String,
    pub order: Option<String>,
    pub subject: String,
    pub text: String,
    pub attachments: Vec<String>,
}

impl Simulation {
    pub(super) fn check_write_support(
        &self,
        category: &str,
        order: Option<&str>,
        text: &str,
        name: Option<&str>,
        email: Option<&str>,
    ) -> Result<(), Refusal> {
        if let Some(id) = order {
            self.find(id)?;
        }
        if category.trim().is_empty() {
            return Err(Refusal::new("Choose what your question is about."));
        }
        if name.is_some_and(|n| n.trim().is_empty()) {
            return Err(Refusal::new(
                "Fill in your name: support addresses its answer to you.",
            ));
        }
        if let Some(email) = email.map(str::trim) {
            if email.is_empty() {
                return Err(Refusal::new(
                    "Fill in your e-mail: support sends its answer there.",
                ));
            }
            if !looks_like_email(email) {
                return Err(Refusal::new(format!(
                    "\"{email}\" is not an e-mail address (like name@example.com): support could not answer you."
                )));
            }
        }
        if text.trim().is_empty() {
            return Err(Refusal::new("Describe your problem before sending."));
        }
        Ok(())
    }

    pub(super) fn write_to_support(&mut self, question: Question) {
        let Question {
            category,
            order,
            subject,
            text,
            attachments,
        } = question;
        let subject = if subject.trim().is_empty() {
            match &order {
                Some(o) => format!("{category}: order {o}"),
                None => category.clone(),
            }
        } else {
            subject
        };
        let act = self.act_of(&category, order.is_some());
        // A chargeback claim is taken in at once: the 1–2 days are the platform's decision.
        if let (Some(SupportAct::FileChargeback), Some(order)) = (act, &order) {
            let id = self.open_conversation(
                Channel::Support {
                    category: category.clone(),
                },
                Some(order.clone()),
                subject,
                text,
                attachments,
                Span::Minutes(0),
            );
            self.support_files_chargeback(order, id);
            return;
        }
        let id = self.open_conversation(
            Channel::Support {
                category: category.clone(),
            },
            order.clone(),
            subject,
            text,
            attachments,
            self.policy.support_answer_time,
        );
        self.schedule_after(
            self.policy.support_answer_time,
            Due::SupportAnswers { conversation: id },
        );
    }

    /// What support does in a category about an order, beyond answering.
    fn act_of(&self, category: &str, about_an_order: bool) -> Option<SupportAct> {
        self.policy
            .faq_entry(category)
            .and_then(|f| f.acts)
            .filter(|_| about_an_order)
    }

    pub(super) fn open_conversation(
        &mut self,
        channel: Channel,
        order: Option<String>,
        subject: String,
        text: String,
        attachments: Vec<String>,
        answer_time: Span,
    ) -> u32 {
        let category = match &channel {
            Channel::Support { category } => category.clone(),
            Channel::Seller { .. } => "seller".to_owned(),
        };
        let id = self.world.add_conversation(Conversation {
            id: 0,
            channel,
            order: order.clone(),
            subject: subject.clone(),
            messages: vec![Message {
                at: self.now,
                from: Author::Buyer,
                text,
                attachments,
            }],
            unread: 0,
        });
        let answer_by = self.calendar.add(self.now, answer_time);
        self.record(
            order,
            Fact::SupportOpened {
                conversation: id,
                category: category.clone(),
            },
            format!(
                "Support conversation #{id} opened ({category}): \"{subject}\"; answer expected by {}",
                show(answer_by)
            ),
        );
        id
    }

    pub(super) fn support_says(&mut self, conversation: u32, text: String) {
        let Some(order) = self
            .world
            .conversation(conversation)
            .map(|c| c.order.clone())
        else {
            return;
        };
        self.world.deliver(
            conversation,
            Message {
                at: self.now,
                from: Author::Support,
                text: text.clone(),
                attachments: Vec::new(),
            },
        );
        self.record(
            order,
            Fact::MessageReceived { conversation },
            format!("Support answered in #{conversation}: \"{text}\""),
        );
    }

    /// Support reads the conversation now and answers from the state of the world now.
    pub(super) fn support_answers(&mut self, conversation: u32) {
        let Some(c) = self.world.conversation(conversation) else {
            return;
        };
        let Channel::Support { category } = &c.channel else {
            return;
        };
        let category = category.clone();
        let question = c
            .messages
            .iter()
            .rev()
            .find(|m| m.from == Author::Buyer)
            .map(|m| m.text.clone())
            .unwrap_or_default();
        let faq = self.policy.faq_entry(&category).cloned();
        let Some(order) = c.order.clone() else {
            let answer = faq.map(|f| f.answer).unwrap_or_else(|| {
                "Thank you for your question. Tell us the order number so that we can look into it."
                    .to_owned()
            });
            self.support_says(conversation, answer);
            return;
        };
        match self.act_of(&category, true) {
            Some(SupportAct::AskSeller) => self.forward_to_seller(&order, conversation, &question),
            Some(SupportAct::CancelOrder) if self.can_try_interception(&order) => {
                self.start_interception(&order, conversation)
            }
            _ => {
                let answer = self.answer_about(&order, faq.as_ref());
                self.support_says(conversation, answer);
            }
        }
    }

    /// What support says about an order: where its refund is, or its status and what the
    /// buyer can do about it now.
    fn answer_about(&mut self, order: &str, faq: Option<&FaqEntry>) -> String {
        let open_refund = self
            .world
            .refunds_of(order)
            .find(|r| r.stage != RefundStage::Received)
            .cloned();
        match open_refund {
            Some(r) if r.stage == RefundStage::Sent => {
                let sent = r.reached_at(RefundStage::Sent).unwrap_or(self.now);
                let late_from = self.calendar.add(sent, self.policy.refund_late_after_sent);
                if self.now >= late_from {
                    self.reach_refund_stage(r.id, RefundStage::Received);
                    format!(
                        "We contacted the bank about refund #{} of {} sent on {}: it has now been posted to your account.",
                        r.id,
                        r.amount,
                        show(sent)
                    )
                } else {
                    format!(
                        "Refund #{} of {} was sent on {}. Banks can take a while; if it has not arrived by {}, write to us again and we will chase it.",
                        r.id,
                        r.amount,
                        show(sent),
                        show(late_from)
                    )
                }
            }
            Some(r) => format!(
                "Refund #{} of {} is {}; it is expected by {}.",
                r.id,
                r.amount,
                r.stage.name(),
                show(r.expected_at)
            ),
            None => {
                let status = self
                    .world
                    .order(order)
                    .map(|o| self.policy.state_name(o.state).to_owned())
                    .unwrap_or_default();
                format!(
                    "We looked into order {order}: its status is \"{status}\". {}",
                    self.what_you_can_do(order, faq)
                )
            }
        }
    }

    /// The order-page actions the order allows now, in the platform's words: those the
    /// category is about if it names any (with the reason for each that is not possible),
    /// else the main ones possible. Read from the core's checks, so support never
    /// recommends what the order would refuse.
    pub(super) fn what_you_can_do(&self, order: &str, faq: Option<&FaqEntry>) -> String {
        let offers = self.offers(order);
        let about = faq.map(|f| f.suggests.as_slice()).unwrap_or_default();
        let (can, cannot): (Vec<_>, Vec<_>) = if about.is_empty() {
            let minor = [OfferKind::LeaveReview, OfferKind::MessageSeller];
            (
                offers
                    .iter()
                    .filter(|o| o.verdict.is_ok() && !minor.contains(&o.kind))
                    .take(4)
                    .collect(),
                Vec::new(),
            )
        } else {
            offers
                .iter()
                .filter(|o| about.contains(&o.kind))
                .partition(|o| o.verdict.is_ok())
        };
        let mut text = if can.is_empty() {
            "There is nothing you can do on the order page right now.".to_owned()
        } else {
            let labels: Vec<String> = can.iter().map(|o| format!("\"{}\"", o.label)).collect();
            format!("On the order page you can now use {}.", labels.join(", "))
        };
        for offer in cannot {
            if let Err(refusal) = &offer.verdict {
                text.push_str(&format!(
                    " \"{}\" is not possible: {}",
                    offer.label, refusal
                ));
            }
        }
        text
    }

    /// Support files a chargeback with the platform for the order, or says why it cannot.
    fn support_files_chargeback(&mut self, order: &str, conversation: u32) {
        match self.check_chargeback(order, ChargebackRoute::Platform) {
            Ok(()) => {
                let decides = self
                    .calendar
                    .add(self.now, self.policy.platform_chargeback_time);
                self.file_chargeback(order, ChargebackRoute::Platform);
                self.support_says(
                    conversation,
                    format!(
                        "We have filed your chargeback claim for order {order}. It is decided by {}; the order is frozen meanwhile.",
                        show(decides)
                    ),
                );
            }
            Err(refusal) => {
                let answer = format!(
                    "We cannot file a chargeback for order {order}: {}",
                    refusal.reason
                );
                self.note_refused(
                    order,
                    Party::Support,
                    "a chargeback through support".to_owned(),
                    answer.clone(),
                );
                self.support_says(conversation, answer);
            }
        }
    }

    /// Support passes the buyer's question to the seller; the seller's scripted answer to
    /// a message comes back through support (see `seller_says`).
    fn forward_to_seller(&mut self, order: &str, conversation: u32, question: &str) {
        let seller = self.seller_name(order);
        let due = self.calendar.add(self.now, self.policy.seller_answer_time);
        let now = self.now;
        if let Some(o) = self.world.order_mut(order) {
            o.relay = Some(conversation);
            o.seller_contacted_at.get_or_insert(now);
        }
        self.support_says(
            conversation,
            format!(
                "We have passed your question to {seller}. They have until {} to answer; we will bring their answer here.",
                show(due)
            ),
        );
        self.schedule_at(
            due,
            Due::RelayExpires {
                order: order.to_owned(),
                conversation,
            },
        );
        let situation = Situation {
            order,
            message: Some(question),
            ..Situation::default()
        };
        self.trigger_seller(order, Trigger::MessageReceived, situation, self.now);
    }

    /// The seller said something while support waits for their answer: support relays it.
    /// Returns whether it was relayed.
    pub(super) fn relay_seller_answer(&mut self, order: &str, text: &str) -> bool {
        let Some(conversation) = self.world.order_mut(order).and_then(|o| o.relay.take()) else {
            return false;
        };
        let seller = self.seller_name(order);
        self.support_says(conversation, format!("{seller} answered: \"{text}\""));
        true
    }

    /// The seller's time to answer a forwarded question ran out.
    pub(super) fn relay_expires(&mut self, order: &str, conversation: u32) {
        let waiting = self
            .world
            .order(order)
            .is_some_and(|o| o.relay == Some(conversation));
        if !waiting {
            return;
        }
        if let Some(o) = self.world.order_mut(order) {
            o.relay = None;
        }
        let seller = self.seller_name(order);
        let answer = format!(
            "{seller} has not answered within {}. {}",
            self.policy.seller_answer_time,
            self.what_you_can_do(order, None)
        );
        self.note_refused(
            order,
            Party::Seller,
            "an answer to your question".to_owned(),
            format!("{seller} did not answer"),
        );
        self.support_says(conversation, answer);
    }

    pub(super) fn seller_name(&self, order: &str) -> String {
        self.world
            .order(order)
            .map(|o| {
                self.world
                    .seller(&o.seller)
                    .map(|s| s.name.clone())
                    .unwrap_or_else(|| o.seller.clone())
            })
            .unwrap_or_default()
    }
}

/// Enough of an e-mail address to send an answer to: one `@`, something before it, and a
/// domain with a dot inside it, without spaces.
fn looks_like_email(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && !text.chars().any(char::is_whitespace)
        && domain
            .split_once('.')
            .is_some_and(|(a, b)| !a.is_empty() && !b.is_empty() && !b.ends_with('.'))
}

#[cfg(test)]
mod tests {
    use super::looks_like_email;

    #[test]
    fn an_email_needs_a_name_an_at_and_a_domain_with_a_dot() {
        assert!(looks_like_email("dana@example.com"));
        assert!(looks_like_email("d.w+shop@mail.example.org"));
        for bad in [
            "dana",
            "dana@",
            "@example.com",
            "dana@example",
            "da na@example.com",
            "a@b@c.d",
            "dana@example.",
        ] {
            assert!(!looks_like_email(bad), "{bad}");
        }
    }
}
