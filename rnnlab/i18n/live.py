"""Strings of the live lesson: starting and ending a room, joining it, following the teacher."""

STRINGS = {
    "live.start": {"es": "Empezar una clase en directo", "en": "Start a live lesson"},
    "live.join_open": {"es": "Entrar en una clase", "en": "Join a lesson"},
    "live.code_input": {"es": "Código de la sala", "en": "Room code"},
    "live.join": {"es": "Entrar", "en": "Join"},
    "live.teacher_title": {"es": "Clase en directo", "en": "Live lesson"},
    "live.code_label": {"es": "Código", "en": "Code"},
    "live.link": {"es": "Enlace para entrar", "en": "Link to join"},
    "live.qr_title": {"es": "Código QR del enlace para entrar en la clase",
                      "en": "QR code of the link to join the lesson"},
    "live.students": {"es": "Estudiantes conectados: {n}", "en": "Students joined: {n}"},
    "live.until": {"es": "La sala se cierra sola a las {time} (UTC).",
                   "en": "The room closes by itself at {time} (UTC)."},
    "live.end": {"es": "Terminar la clase", "en": "End lesson"},
    "live.upload_not_shared": {
        "es": "Tu serie es un archivo subido: no viaja a la sala. Los estudiantes siguen la "
        "página, la partición y los ajustes con su propia serie.",
        "en": "Your series is an uploaded file: it does not travel to the room. Students follow "
        "the page, split and settings on their own series.",
    },
    "live.student_title": {"es": "Clase en directo {code}", "en": "Live lesson {code}"},
    "live.following": {"es": "Sigues al profesor: tu pantalla muestra lo mismo que la suya.",
                       "en": "You follow the teacher: your screen shows what theirs shows."},
    "live.not_following": {"es": "Exploras por tu cuenta: el profesor ya no mueve tu pantalla.",
                           "en": "You explore on your own: the teacher no longer moves your screen."},
    "live.waiting": {"es": "Esperando a que el profesor muestre algo…",
                     "en": "Waiting for the teacher to show something…"},
    "live.unfollow": {"es": "Dejar de seguir", "en": "Stop following"},
    "live.follow": {"es": "Seguir otra vez", "en": "Follow again"},
    "live.leave": {"es": "Salir de la clase", "en": "Leave the lesson"},
    "live.ended": {"es": "El profesor ha terminado la clase {code}. Lo que tienes en pantalla sigue "
                   "siendo tuyo.",
                   "en": "The teacher ended lesson {code}. What is on your screen stays yours."},
    "live.error.bad_code": {
        "es": "«{code}» no es un código de sala: son 6 letras o cifras, como 7K3Q9M.",
        "en": "“{code}” is not a room code: codes are 6 letters or digits, such as 7K3Q9M.",
    },
    "live.error.missing": {
        "es": "No hay ninguna clase abierta con el código {code}. Comprueba el código con tu "
        "profesor (las salas se cierran a las 3 horas).",
        "en": "No lesson is open with code {code}. Check the code with your teacher (rooms close "
        "after 3 hours).",
    },
    "live.error.ended": {"es": "La clase {code} ya ha terminado.", "en": "Lesson {code} has ended."},
    "live.error.forbidden": {"es": "Solo el profesor que abrió la sala {code} puede cambiarla.",
                             "en": "Only the teacher who opened room {code} can change it."},
    "live.error.down": {
        "es": "Las clases en directo no están disponibles ahora: el almacén no responde. "
        "Inténtalo de nuevo en unos segundos.",
        "en": "Live lessons are not available right now: the store does not answer. Try again in "
        "a few seconds.",
    },
}
