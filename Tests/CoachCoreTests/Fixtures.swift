/// Survey texts shared by the tests.
enum Fixtures {
    /// WHO-5 as the format page describes it.
    static let who5 = """
    format: 1
    id: who-5
    title: WHO-5 Well-Being Index
    kind: check-in
    audience: rep
    cadence: fortnightly
    intro: Over the last two weeks...
    choices:
      freq6:
        - {value: 5, label: All of the time}
        - {value: 4, label: Most of the time}
        - {value: 3, label: More than half of the time}
        - {value: 2, label: Less than half of the time}
        - {value: 1, label: Some of the time}
        - {value: 0, label: At no time}
    questions:
      - {id: cheerful, text: I have felt cheerful and in good spirits., type: choice, choices: freq6}
      - {id: calm, text: I have felt calm and relaxed., type: choice, choices: freq6}
      - {id: active, text: I have felt active and vigorous., type: choice, choices: freq6}
      - {id: rested, text: I woke up feeling fresh and rested., type: choice, choices: freq6}
      - {id: interested, text: My daily life has been filled with things that interest me., type: choice, choices: freq6}
    scores:
      - id: wellbeing
        label: Well-being
        items: [cheerful, calm, active, rested, interested]
        method: sum
        multiply: 4
        range: [0, 100]
        higher_is: better
        change: 10
        bands:
          - {max: 28, id: low, label: Low, level: alert}
          - {max: 50, id: poor, label: Poor, level: warn}
          - {max: 100, id: ok, label: Good, level: ok}
        alert_if_any: {items: [cheerful, calm, active, rested, interested], at_most: 1}
    tests:
      - name: all best
        answers: {cheerful: 5, calm: 5, active: 5, rested: 5, interested: 5}
        expect: {wellbeing: 100, wellbeing.band: ok}
      - name: low item alert
        answers: {cheerful: 1, calm: 3, active: 3, rested: 3, interested: 3}
        expect: {wellbeing: 52, alert: true}

    """

    /// A one-on-one using sections and every non-quiz question key and type.
    static let oneOnOne = """
    format: 1
    id: weekly-1on1
    title: Weekly one-on-one
    kind: one-on-one
    audience: manager
    cadence: weekly
    intro: Thirty minutes, the rep's agenda first.
    choices:
      topics:
        - {value: pipeline, label: Pipeline}
        - {value: skills, label: Skills}
        - {value: wellbeing, label: Well-being}
    sections:
      - title: Check-in
        intro: How are things?
        questions:
          - id: mood
            text: How is your week, 1 to 10?
            type: scale
            min: 1
            max: 10
            labels: {1: Poor, 10: Great}
          - id: mood_why
            text: What is weighing on you?
            type: text
            multiline: true
            required: false
            when: "mood <= 4"
            help: Take your time.
          - id: topics
            text: What do you want to talk about?
            type: multi
            choices: topics
          - id: calls
            text: Calls made this week
            type: number
            min: 0
            max: 500
            unit: calls
            constraint: ". >= 0 and . <= 500"
            constraint_message: Enter 0 to 500.
          - {id: blocked, text: Anything blocking a deal?, type: yesno}
      - title: Follow-up
        questions:
          - {id: review, text: Last week's actions, type: review-actions}
          - {id: agenda, text: Agenda, type: agenda}
          - id: kpis
            text: This month's numbers
            type: kpi
            kpis:
              - {id: revenue, label: Revenue, unit: EUR}
              - {id: meetings, label: Meetings}
          - {id: next_review, text: Next pipeline review, type: date, when: "selected(topics, 'pipeline')"}
          - {id: actions, text: New actions, type: actions}
          - id: notes
            text: Manager notes
            type: text
            private: true
            required: false
            when: "answered(mood) and count(topics) >= 0"

    """

    /// A quiz with every quiz key.
    static let quiz = """
    format: 1
    id: sales-basics
    title: Sales basics
    kind: quiz
    audience: rep
    pass: 70
    shuffle: both
    draw: 3
    attempts: 2
    grading: highest
    feedback: immediate
    questions:
      - id: q1
        type: choice
        text: Which stage comes right after a qualified lead?
        choices: [{value: a, label: Proposal}, {value: b, label: Closed}, {value: c, label: Prospect}]
        answer: a
        points: 2
        explain: A qualified lead gets a proposal next.
        category: pipeline
      - id: q2
        type: multi
        text: Which are pipeline stages?
        choices: [{value: a, label: Lead}, {value: b, label: Lunch}, {value: c, label: Proposal}]
        answer: [a, c]
      - {id: q3, type: number, text: Days in a sprint?, answer: 14, tolerance: 0.5}
      - {id: q4, type: text, text: What does CRM stand for?, answer: [CRM, customer relationship management]}
      - {id: q5, type: yesno, text: Is a lead a customer?, answer: false, category: basics}
    tests:
      - name: perfect
        answers: {q1: a, q2: [a, c], q3: 14, q4: CRM, q5: false}
        expect: {points: 6, max_points: 6, percent: 100, passed: true}

    """
}
