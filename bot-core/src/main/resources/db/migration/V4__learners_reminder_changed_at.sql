-- When the learner's weekly reminder setting (day, time, zone, on/paused/off) last changed: a reminder
-- missed while the mentor was down is owed only if the learner had that setting when it fell due.
-- Existing learners count from their enrolment.
alter table learners add column reminder_changed_at varchar(20);

update learners set reminder_changed_at = enrolled_at;
