extension Question {
    /// Whether the question is asked given the answers so far: no `when`, or `when` is true.
    public func isAsked(given answers: [String: AnswerValue]) -> Bool {
        when?.expression.isTrue(answers: answers) ?? true
    }

    /// Whether `answer` passes the `constraint` (`.` is `answer`); true without a constraint.
    public func accepts(_ answer: AnswerValue, given answers: [String: AnswerValue]) -> Bool {
        constraint?.expression.isTrue(answers: answers, current: answer) ?? true
    }
}
