"""A lesson played live in the room (ui/classroom/lesson_live.py)."""

STRINGS = {
    "live.lesson.play_builtin": {"es": "Dar la lección guiada en directo",
                                 "en": "Play the guided lesson live"},
    "live.lesson.play_open": {"es": "Dar «{title}» en directo", "en": "Play “{title}” live"},
    "live.lesson.back": {"es": "Anterior", "en": "Back"},
    "live.lesson.next": {"es": "Siguiente", "en": "Next"},
    "live.lesson.stop": {"es": "Terminar la lección", "en": "Stop the lesson"},
    "live.lesson.follow": {"es": "Volver con la clase (escena {k})", "en": "Follow again (scene {k})"},
    "live.lesson.following": {
        "es": "Sigues a tu docente: tu pantalla cambia de escena con la suya. Con «Anterior» "
        "vuelves a las escenas ya vistas, a tu ritmo.",
        "en": "You are following your teacher: your screen moves to each scene with theirs. "
        "*Back* takes you through the scenes seen so far, at your own pace.",
    },
    "live.lesson.own_pace": {
        "es": "Vas a tu ritmo: puedes recorrer las {seen} escenas vistas hasta ahora.",
        "en": "At your own pace: you can page through the {seen} scenes seen so far.",
    },
    "live.lesson.too_big": {
        "es": "Esta lección es demasiado grande para darla en directo (como mucho 2 MB).",
        "en": "This lesson is too large to play live (2 MB at most).",
    },
    "live.lesson.unreadable": {
        "es": "No se pudo leer esta lección para darla en directo.",
        "en": "This lesson could not be read to play it live.",
    },
}
