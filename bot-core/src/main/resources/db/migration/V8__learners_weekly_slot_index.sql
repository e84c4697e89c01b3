-- The scheduler keeps only reminders due within the next hour in memory and finds them by their weekly
-- slot in each zone (day and local time), a page at a time: a million learners never load at once.
create index learners_weekly_slot on learners (time_zone, reminder_day, reminder_time, id);
