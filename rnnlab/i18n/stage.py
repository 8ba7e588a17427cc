"""Strings of the Hidden states stage, the block that steps and plays in the browser (``stage.*``)."""

STRINGS = {
    "stage.stage_label": {"es": "Escenario: la red paso a paso", "en": "Stage: the network step by step"},
    "stage.play": {"es": "Reproducir", "en": "Play"},
    "stage.pause": {"es": "Pausa", "en": "Pause"},
    "stage.back": {"es": "Paso anterior", "en": "Step back"},
    "stage.forward": {"es": "Paso siguiente", "en": "Step forward"},
    "stage.first": {"es": "Primer paso", "en": "First step"},
    "stage.last": {"es": "Último paso", "en": "Last step"},
    "stage.scrubber": {"es": "Paso de tiempo t", "en": "Time step t"},
    "stage.speed": {"es": "Velocidad", "en": "Speed"},
    "stage.speed_unit": {"es": "pasos/s", "en": "steps/s"},
    "stage.speed_unit_one": {"es": "paso/s", "en": "step/s"},
    "stage.hide_future": {"es": "Ocultar el futuro", "en": "Hide the future"},
    "stage.hide_future_help": {
        "es": "Muestra solo los pasos hasta t: predice qué pasará y pulsa →.",
        "en": "Shows only the steps up to t: predict what comes next, then press →.",
    },
    "stage.hide_forced": {
        "es": "El profesor ha hecho una pregunta: el futuro queda oculto hasta que muestre la respuesta.",
        "en": "The teacher asked a question: the future stays hidden until the answer is shown.",
    },
    "stage.projector": {"es": "Modo proyector", "en": "Projector mode"},
    "stage.projector_exit": {"es": "Salir del modo proyector", "en": "Leave projector mode"},
    # the words shown on the button itself (contained in its accessible name above)
    "stage.projector_short": {"es": "Proyector", "en": "Projector"},
    "stage.projector_exit_short": {"es": "Salir", "en": "Leave"},
    "stage.status": {
        "es": "Paso t = {t} de {T}: la red lee x = {x} y predice que el siguiente valor será {pred}.",
        "en": "Step t = {t} of {T}: the network reads x = {x} and predicts the next value will be {pred}.",
    },
    "stage.keys": {
        "es": "Teclado: ← → un paso · Espacio reproduce o pausa · Inicio/Fin van a los extremos",
        "en": "Keys: ← → one step · Space plays or pauses · Home/End go to the ends",
    },
    "stage.input_title": {"es": "Entrada y predicción", "en": "Input and prediction"},
    "stage.input_legend": {"es": "entrada x", "en": "input x"},
    "stage.pred_legend": {"es": "predicción del valor siguiente", "en": "prediction of the next value"},
    "stage.heat_title": {"es": "Estado oculto h (neuronas × tiempo)", "en": "Hidden state h (neurons × time)"},
    "stage.gates_title": {"es": "Puertas en el paso t = {t}", "en": "Gates at step t = {t}"},
    "stage.no_gates": {
        "es": "La SimpleRNN no tiene puertas: su estado es una sola suma ponderada pasada por la activación.",
        "en": "A SimpleRNN has no gates: its state is one weighted sum passed through the activation.",
    },
    "stage.cell_title": {"es": "Celda c en el paso t", "en": "Cell c at step t"},
    "stage.pca_title": {"es": "Trayectoria del estado (ACP)", "en": "Path of the state (PCA)"},
    "stage.pca_axes": {"es": "componentes 1 ({one} %) y 2 ({two} %)",
                       "en": "components 1 ({one}%) and 2 ({two}%)"},
    "stage.pca_flat": {"es": "Se necesitan al menos 3 pasos que cambien el estado.",
                       "en": "PCA needs at least 3 steps that change the state."},
    "stage.step_axis": {"es": "paso t", "en": "step t"},
    "stage.neuron_axis": {"es": "neurona", "en": "neuron"},
    "stage.gate_closed": {"es": "cerrada", "en": "closed"},
    "stage.gate_open": {"es": "abierta", "en": "open"},
    "stage.future_hidden": {"es": "futuro oculto", "en": "future hidden"},
    "stage.heat_alt": {
        "es": "Mapa de calor del estado oculto: {H} neuronas por {T} pasos; el marco señala el paso {t}.",
        "en": "Heatmap of the hidden state: {H} neurons by {T} steps; the frame marks step {t}.",
    },
    "stage.pca_alt": {
        "es": "Camino del estado oculto en dos dimensiones hasta el paso {t}.",
        "en": "Path of the hidden state in two dimensions up to step {t}.",
    },
    "stage.input_alt": {
        "es": "Entrada de la red y su predicción del valor siguiente; el cursor está en el paso {t}.",
        "en": "The network's input and its prediction of the next value; the cursor is at step {t}.",
    },
    "stage.gates_alt": {
        "es": "Valores de las puertas de cada neurona en el paso {t}.",
        "en": "Gate values of each neuron at step {t}.",
    },
    "stage.gate_input": {"es": "entrada", "en": "input"},
    "stage.gate_forget": {"es": "olvido", "en": "forget"},
    "stage.gate_candidate": {"es": "candidato", "en": "candidate"},
    "stage.gate_output": {"es": "salida", "en": "output"},
    "stage.gate_update": {"es": "actualización", "en": "update"},
    "stage.gate_reset": {"es": "reinicio", "en": "reset"},
    "stage.explain": {
        "es": "Cómo leerlo: en el mapa de calor cada fila es una neurona y cada columna un paso; "
        "naranja es positivo, morado negativo y blanco cero (la escala se ajusta a los datos). El "
        "marco negro es el paso actual: todo lo que la red sabe del pasado está en esa columna. "
        "A la derecha, las puertas en ese paso (0 cerrada, 1 abierta) y el estado. En el ACP, "
        "azul es el camino hasta ahora y el punto naranja el paso actual.",
        "en": "How to read it: in the heatmap each row is a neuron and each column a step; orange "
        "is positive, purple negative and white zero (the scale is fitted to the data). The black "
        "frame is the current step: everything the network knows about the past is in that "
        "column. On the right, the gates at that step (0 closed, 1 open) and the state. In the "
        "PCA, blue is the path so far and the orange dot the current step.",
    },
}
