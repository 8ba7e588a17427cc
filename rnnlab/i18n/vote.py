"""Strings of the vote in two rounds (Peer Instruction) in the live room."""

STRINGS = {
    "vote.twice": {"es": "Votar dos veces (debate entre rondas)", "en": "Vote twice (discuss between rounds)"},
    "vote.twice_help": {
        "es": "Primera ronda; la cierras y solo tú ves cómo ha votado la clase mientras cada "
        "estudiante lo comenta con quien tiene al lado; segunda ronda; al mostrar la respuesta se "
        "ven las dos rondas y cuántos cambiaron de respuesta.",
        "en": "Round one; you close it and only you see how the class voted while students discuss "
        "with their neighbour; round two; the answer then shows both rounds and how many changed "
        "their answer.",
    },
    "vote.title_first": {"es": "Ronda 1 de 2", "en": "Round 1 of 2"},
    "vote.title_discuss": {"es": "Debate entre rondas", "en": "Discussion between rounds"},
    "vote.title_second": {"es": "Ronda 2 de 2", "en": "Round 2 of 2"},
    "vote.title_revealed": {"es": "Las dos rondas", "en": "Both rounds"},
    "vote.teacher_first": {
        "es": "Cuando hayan votado, cierra la ronda: la pregunta desaparece de sus pantallas y "
        "pasan a debatir en parejas.",
        "en": "Once they have voted, close the round: the question leaves their screens and they "
        "discuss in pairs.",
    },
    "vote.close_first": {"es": "Cerrar la ronda 1", "en": "Close round 1"},
    "vote.teacher_discuss": {
        "es": "Solo tú ves estas respuestas: los estudiantes ven «Coméntalo con quien tienes al "
        "lado». Después, abre la segunda ronda.",
        "en": "Only you see these answers: students see “Discuss with your neighbour”. Then open "
        "round two.",
    },
    "vote.ask_second": {"es": "Abrir la ronda 2", "en": "Start round 2"},
    "vote.teacher_second": {
        "es": "Todos vuelven a responder. En la ronda 1 respondieron {n}.",
        "en": "Everyone answers again. {n} answered in round 1.",
    },
    "vote.reveal": {"es": "Mostrar la respuesta y las dos rondas", "en": "Show the answer and both rounds"},
    "vote.student_first": {
        "es": "Ronda 1 de 2: responde por tu cuenta; luego lo comentaréis en parejas y volveréis a votar.",
        "en": "Round 1 of 2: answer on your own; then you discuss in pairs and vote again.",
    },
    "vote.student_second": {
        "es": "Ronda 2 de 2: después de comentarlo, vuelve a responder (puedes mantener tu respuesta).",
        "en": "Round 2 of 2: after discussing, answer again (you may keep your answer).",
    },
    "vote.discuss_title": {"es": "Debate", "en": "Discuss"},
    "vote.discuss": {
        "es": "Coméntalo con quien tienes al lado: ¿qué respondisteis y por qué?",
        "en": "Discuss with your neighbour: what did you answer, and why?",
    },
    "vote.your_first": {"es": "Tu respuesta en la ronda 1: {answer}", "en": "Your answer in round 1: {answer}"},
    "vote.no_first": {"es": "No respondiste en la ronda 1: escucha a tu compañero.",
                      "en": "You did not answer in round 1: listen to your neighbour."},
    "vote.none": {"es": "sin respuesta", "en": "no answer"},
    "vote.yours_both": {"es": "Tú: {first} en la ronda 1 → {second} en la ronda 2.",
                        "en": "You: {first} in round 1 → {second} in round 2."},
    "vote.changed": {"es": "Cambiaron de respuesta: {n} de {both} que votaron en las dos rondas",
                     "en": "Changed their answer: {n} of the {both} who voted in both rounds"},
    "vote.wrong_right": {"es": "De incorrecta a correcta: {n}", "en": "Wrong → right: {n}"},
    "vote.right_wrong": {"es": "De correcta a incorrecta: {n}", "en": "Right → wrong: {n}"},
    "vote.right_right": {"es": "Correcta las dos veces: {n}", "en": "Right both times: {n}"},
    "vote.wrong_wrong": {"es": "Incorrecta las dos veces: {n}", "en": "Wrong both times: {n}"},
    "vote.closer": {"es": "Más cerca del valor verdadero en la ronda 2: {n}",
                    "en": "Closer to the true value in round 2: {n}"},
    "vote.further": {"es": "Más lejos del valor verdadero en la ronda 2: {n}",
                     "en": "Further from the true value in round 2: {n}"},
    "vote.to": {"es": "Cambios: {moves}", "en": "Changes: {moves}"},
    "vote.to_one": {"es": "{a} → {b} ({n})", "en": "{a} → {b} ({n})"},
    "vote.one_round": {"es": "Votaron solo en la ronda 1: {first}; solo en la ronda 2: {second}",
                       "en": "Voted in round 1 only: {first}; in round 2 only: {second}"},
    "vote.tolerance": {
        "es": "Cuenta como correcta una respuesta a menos de {tol} del valor verdadero (el 10 % de "
        "su tamaño, y al menos 0,05).",
        "en": "An answer within {tol} of the true value counts as right (10% of its size, and at "
        "least 0.05).",
    },
    "vote.fig.round1": {"es": "Ronda 1", "en": "Round 1"},
    "vote.fig.round2": {"es": "Ronda 2", "en": "Round 2"},
    "vote.fig.bars_title": {"es": "Lo que eligió la clase en cada ronda", "en": "What the class chose in each round"},
    "vote.fig.histogram_title": {"es": "Lo que predijo la clase en cada ronda",
                                 "en": "What the class predicted in each round"},
}
