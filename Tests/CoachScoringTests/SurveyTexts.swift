/// Survey texts shared by the scoring tests.
enum SurveyTexts {
    /// Every score option on small items: agree5 choices (1–5), a 1–10 scale, a 0–20 number.
    static let options = """
    format: 1
    id: options
    title: Score options
    kind: self-assessment
    audience: rep
    choices:
      agree5:
        - {value: 1, label: Strongly disagree}
        - {value: 2, label: Disagree}
        - {value: 3, label: Neutral}
        - {value: 4, label: Agree}
        - {value: 5, label: Strongly agree}
    questions:
      - {id: a, text: A, type: choice, choices: agree5}
      - {id: b, text: B, type: choice, choices: agree5}
      - {id: c, text: C, type: choice, choices: agree5}
      - {id: s, text: S, type: scale, min: 1, max: 10}
      - {id: n, text: N, type: number, min: 0, max: 20}
      - {id: note, text: Note, type: text, required: false}
    scores:
      - {id: total, items: [a, b, c], method: sum}
      - {id: avg, items: [a, b, c], method: mean}
      - {id: rev_list, items: [a, b], method: sum, reverse: [b], alert_if_any: {items: [b], at_most: 1}}
      - {id: rev_scale, items: [s], method: sum, reverse: [s]}
      - {id: numeric, items: [n, s], method: sum}
      - id: scaled
        items: [a, b, c]
        method: mean
        multiply: 25
        add: -25
        range: [0, 100]
        bands:
          - {max: 25, id: low, label: Low, level: alert}
          - {max: 50, id: mid, label: Middle, level: warn}
          - {max: 100, id: high, label: High, level: ok}
      - {id: partial, items: [a, b, c], method: mean, min_answered: 2, alert_if_any: {items: [a, s], at_most: 2}}
      - {id: partial_sum, items: [a, b, c], method: sum, min_answered: 2}

    """

    /// The CBI work-related scale: 7 items, the last reverse-scored, mean, at least 4 answered.
    static let cbiWork = """
    format: 1
    id: cbi-work
    title: Work-related burnout
    kind: self-assessment
    audience: rep
    choices:
      degree5:
        - {value: 100, label: To a very high degree}
        - {value: 75, label: To a high degree}
        - {value: 50, label: Somewhat}
        - {value: 25, label: To a low degree}
        - {value: 0, label: To a very low degree}
      freq5:
        - {value: 100, label: Always}
        - {value: 75, label: Often}
        - {value: 50, label: Sometimes}
        - {value: 25, label: Seldom}
        - {value: 0, label: Never or almost never}
    questions:
      - {id: w1, text: Is your work emotionally exhausting?, type: choice, choices: degree5}
      - {id: w2, text: Do you feel burnt out because of your work?, type: choice, choices: degree5}
      - {id: w3, text: Does your work frustrate you?, type: choice, choices: degree5}
      - {id: w4, text: Do you feel worn out at the end of the working day?, type: choice, choices: freq5}
      - {id: w5, text: Are you exhausted in the morning at the thought of another day at work?, type: choice, choices: freq5}
      - {id: w6, text: Do you feel that every working hour is tiring for you?, type: choice, choices: freq5}
      - {id: w7, text: Do you have enough energy for family and friends during leisure time?, type: choice, choices: freq5}
    scores:
      - id: work
        label: Work-related burnout
        items: [w1, w2, w3, w4, w5, w6, w7]
        reverse: [w7]
        method: mean
        min_answered: 4
        range: [0, 100]
        higher_is: worse
        bands:
          - {max: 49.99, id: low, label: Low, level: ok}
          - {max: 74.99, id: moderate, label: Moderate, level: warn}
          - {max: 99.99, id: high, label: High, level: alert}
          - {max: 100, id: severe, label: Severe, level: alert}
    tests:
      - name: mean of six with the reverse item
        answers: {w1: 100, w2: 75, w3: 50, w4: 50, w5: 50, w7: 75}
        expect: {work: 58.33, work.band: moderate}

    """
}
