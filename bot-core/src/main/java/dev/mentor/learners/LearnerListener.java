package dev.mentor.learners;

/** Told when a learner's settings change, so their reminders follow at once. */
public interface LearnerListener {

    void learnerChanged(Learner learner);

    void learnerForgotten(String learnerId);

    LearnerListener NONE = new LearnerListener() {
        @Override
        public void learnerChanged(Learner learner) {
        }

        @Override
        public void learnerForgotten(String learnerId) {
        }
    };
}
