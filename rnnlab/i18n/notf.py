"""Strings of the no-TensorFlow fallback shown by the Train and Compare pages."""

STRINGS = {
    "notf.title": {"es": "Esta página necesita TensorFlow", "en": "This page needs TensorFlow"},
    "notf.needed": {
        "es": "Esta página entrena modelos Keras y necesita TensorFlow, que no está instalado en "
        "este entorno. Las páginas **Datos**, **Estados ocultos** y **Conceptos** funcionan sin él.",
        "en": "This page trains Keras models and needs TensorFlow, which is not installed here. "
        "The **Data**, **Hidden states** and **Concepts** pages work without it.",
    },
    "notf.install_title": {"es": "Cómo instalarlo", "en": "How to install it"},
    "notf.install_body": {
        "es": "En la carpeta del proyecto, con Python 3.11 a 3.13 (TensorFlow aún no tiene versión "
        "para 3.14), instala las dependencias y vuelve a arrancar la aplicación:",
        "en": "In the project folder, with Python 3.11 to 3.13 (TensorFlow has no release for 3.14 "
        "yet), install the requirements and start the app again:",
    },
    "notf.install_cloud": {
        "es": "En Streamlit Community Cloud basta con que `requirements.txt` incluya "
        "`tensorflow-cpu` y elegir Python 3.12 al desplegar.",
        "en": "On Streamlit Community Cloud, `requirements.txt` must list `tensorflow-cpu` and the "
        "app must be deployed with Python 3.12.",
    },
    "notf.meanwhile": {
        "es": "Mientras tanto, esto es lo que el cuaderno enseña en esta parte.",
        "en": "Meanwhile, here is what the notebook teaches in this part.",
    },
    "notf.arch_title": {"es": "La arquitectura LSTM del cuaderno", "en": "The notebook's LSTM architecture"},
    "notf.arch_intro": {
        "es": "Dos capas LSTM apiladas de 50 unidades con activación ReLU leen ventanas de {lookback} "
        "valores y una capa densa da la predicción del valor siguiente. Se entrena durante {epochs} épocas "
        "con lotes de {batch}, Adam y error cuadrático medio.",
        "en": "Two stacked 50-unit LSTM layers with ReLU activation read windows of {lookback} "
        "values, and a dense layer predicts the next value. It trains for {epochs} epochs in "
        "batches of {batch}, with Adam and mean squared error.",
    },
    "notf.col_layer": {"es": "Capa", "en": "Layer"},
    "notf.col_output": {"es": "Forma de salida", "en": "Output shape"},
    "notf.col_params": {"es": "Parámetros", "en": "Parameters"},
    "notf.col_formula": {"es": "Cálculo", "en": "Formula"},
    "notf.layer_input": {"es": "Entrada", "en": "Input"},
    "notf.layer_lstm_seq": {
        "es": "LSTM, {units} unidades, ReLU, devuelve la secuencia",
        "en": "LSTM, {units} units, ReLU, returns the sequence",
    },
    "notf.layer_lstm_last": {
        "es": "LSTM, {units} unidades, ReLU, devuelve el último estado",
        "en": "LSTM, {units} units, ReLU, returns the last state",
    },
    "notf.layer_dense": {"es": "Densa: la predicción", "en": "Dense: the prediction"},
    "notf.total": {"es": "Total: **{n}** parámetros entrenables.", "en": "Total: **{n}** trainable parameters."},
    "notf.gates_title": {"es": "Qué hay dentro de una celda LSTM", "en": "Inside an LSTM cell"},
    "notf.gate_forget": {
        "es": "**Puerta de olvido** $f_t$: decide qué parte de la memoria anterior se borra "
        "(0 = olvidar, 1 = conservar).",
        "en": "**Forget gate** $f_t$: decides how much of the old memory to erase "
        "(0 = forget, 1 = keep).",
    },
    "notf.gate_input": {
        "es": "**Puerta de entrada** $i_t$: decide cuánta información nueva (el candidato $g_t$) "
        "se guarda en la memoria.",
        "en": "**Input gate** $i_t$: decides how much new information (the candidate $g_t$) is "
        "written to memory.",
    },
    "notf.gate_cell": {
        "es": "**Estado de celda** $c_t$: la memoria a largo plazo que recorre la secuencia; solo "
        "cambia por multiplicaciones y sumas suaves, por eso el gradiente llega lejos.",
        "en": "**Cell state** $c_t$: the long-term memory carried along the sequence; it changes "
        "only through gentle products and sums, which is why the gradient reaches far back.",
    },
    "notf.gate_output": {
        "es": "**Puerta de salida** $o_t$: decide qué parte de la memoria se muestra como estado "
        "oculto $h_t$, la salida de la celda.",
        "en": "**Output gate** $o_t$: decides how much of the memory is shown as the hidden state "
        "$h_t$, the cell's output.",
    },
    "notf.compare_title": {"es": "SimpleRNN, LSTM y GRU", "en": "SimpleRNN, LSTM and GRU"},
    "notf.compare_params": {
        "es": "Con {units} unidades y una capa densa, como en la comparación del cuaderno: "
        "**{n}** parámetros.",
        "en": "With {units} units and a dense layer, as in the notebook's comparison: "
        "**{n}** parameters.",
    },
    "notf.simple_points": {
        "es": "- La más simple y rápida\n- Sufre el gradiente que se desvanece\n"
        "- Buena para secuencias cortas",
        "en": "- The simplest and fastest\n- Suffers from the vanishing gradient\n"
        "- Good for short sequences",
    },
    "notf.lstm_points": {
        "es": "- Resuelve el gradiente que se desvanece\n- 3 puertas (olvido, entrada, salida) y "
        "un estado de celda\n- La mejor para dependencias largas\n- Más parámetros que la RNN",
        "en": "- Solves the vanishing gradient\n- 3 gates (forget, input, output) and a cell "
        "state\n- Best for long-range dependencies\n- More parameters than the RNN",
    },
    "notf.gru_points": {
        "es": "- Versión simplificada de la LSTM\n- 2 puertas (reinicio, actualización)\n"
        "- Menos parámetros que la LSTM\n- A menudo rinde como la LSTM",
        "en": "- A simplified LSTM\n- 2 gates (reset, update)\n- Fewer parameters than the "
        "LSTM\n- Often performs like the LSTM",
    },
    "notf.explore": {"es": "Para seguir sin TensorFlow", "en": "To carry on without TensorFlow"},
    "notf.link_hidden": {
        "es": "Estados ocultos: una red en numpy, paso a paso",
        "en": "Hidden states: a numpy network, step by step",
    },
    "notf.link_concepts": {"es": "Conceptos: la teoría y las ecuaciones", "en": "Concepts: the theory and the equations"},
}
