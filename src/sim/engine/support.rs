//! Support conversations: questions, answers on the simulated clock, and the cases support
//! can act on (a refund that stalled after "sent").

use super::{Due, Simulation};
use crate::sim::action::Refusal;
use crate::sim::log::Fact;
use crate::sim::time::show;
use crate::sim::world::{Author, Channel, Conversation, Message, RefundStage};

impl Simulation {
    pub(super) fn check_write_support(
        &self,
        category: &str,
        order: Option<&str>,
        text: &str,
    ) -> Result<(), Refusal> {
        if let Some(id) = order {
            self.find(id)?;
        }
        if category.trim().is_empty() {
            return Err(Refusal::new("Choose what your question is about."));
        }
        if text.trim().is_empty() {
            return Err(Refusal::new("Describe your problem before sending."));
        }
        Ok(())
    }

    pub(super) fn write_to_support(
        &mut self,
        category: String,
        order: Option<String>,
        subject: String,
        text: String,
        attachments: Vec<String>,
    ) {
        let subject = if subject.trim().is_empty() {
            match &order {
                Some(o) => format!("{category}: order {o}"),
                None => category.clone(),
            }
        } else {
            subject
        };
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

    pub(super) fn open_conversation(
        &mut self,
        channel: Channel,
        order: Option<String>,
        subject: String,
        text: String,
        attachments: Vec<String>,
        answer_time: crate::sim::time::Span,
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
        let Some(c) = self.world.conversation(conversation).cloned() else {
            return;
        };
        let Channel::Support { category } = &c.channel else {
            return;
        };
        let faq = self
            .policy
            .faq
            .iter()
            .find(|f| &f.category == category)
            .map(|f| f.answer.clone());
        let Some(order) = c.order.clone() else {
            let answer = faq.unwrap_or_else(|| {
                "Thank you for your question. Tell us the order number so that we can look into it."
                    .to_owned()
            });
            self.support_says(conversation, answer);
            return;
        };
        let open_refund = self
            .world
            .refunds_of(&order)
            .find(|r| r.stage != RefundStage::Received)
            .cloned();
        let answer = match open_refund {
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
                    .order(&order)
                    .map(|o| self.policy.state_name(o.state).to_owned())
                    .unwrap_or_default();
                let base = format!("We looked into order {order}: its status is \"{status}\".");
                match faq {
                    Some(answer) => format!("{base} {answer}"),
                    None => base,
                }
            }
        };
        self.support_says(conversation, answer);
    }
}
