-- Version 8: lessons found by the plan topic they took. How often each topic of a course's plan
-- was taken is counted for the lesson form and the plan screen; without an index every count read
-- every lesson of the school (a thousand-student school: the lesson form took a second to open,
-- building the demo minutes).
CREATE INDEX lesson_plan_topic ON lesson(plan_topic_id) WHERE plan_topic_id IS NOT NULL;
