"""A lesson played live in the room (ui/lesson_live.py)."""

STRINGS = {
    "lesson_live.play_builtin": {"es": "Dar la lección guiada en directo",
                                 "en": "Play the guided lesson live"},
    "lesson_live.play_open": {"es": "Dar «{title}» en directo", "en": "Play “{title}” live"},
    "lesson_live.scene_of": {"es": "escena {k} de {n}", "en": "scene {k} of {n}"},
    "lesson_live.region": {"es": "Lección en directo", "en": "Live lesson"},
    "lesson_live.back": {"es": "Anterior", "en": "Back"},
    "lesson_live.next": {"es": "Siguiente", "en": "Next"},
    "lesson_live.stop": {"es": "Terminar la lección", "en": "Stop the lesson"},
    "lesson_live.follow": {"es": "Volver con la clase (escena {k})", "en": "Follow again (scene {k})"},
    "lesson_live.following": {
        "es": "Sigues a tu docente: tu pantalla cambia de escena con la suya. Con «Anterior» "
        "vuelves a las escenas ya vistas, a tu ritmo.",
        "en": "You are following your teacher: your screen moves to each scene with theirs. "
        "*Back* takes you through the scenes seen so far, at your own pace.",
    },
    "lesson_live.own_pace": {
        "es": "Vas a tu ritmo: puedes recorrer las {seen} escenas vistas hasta ahora.",
        "en": "At your own pace: you can page through the {seen} scenes seen so far.",
    },
    "lesson_live.too_big": {
        "es": "Esta lección es demasiado grande para darla en directo (como mucho 2 MB).",
        "en": "This lesson is too large to play live (2 MB at most).",
    },
    "lesson_live.unreadable": {
        "es": "No se pudo leer esta lección para darla en directo.",
        "en": "This lesson could not be read to play it live.",
    },
}
