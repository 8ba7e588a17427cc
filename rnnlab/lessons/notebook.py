"""The built-in guided lesson "notebook": the seed notebook's story, scene by scene, in Spanish
and English.

Every number a text states about the data or a network is a live value (``{name}``), computed by
the engine on the scene's own state (rnnlab.lessons.values), never typed in. What stays typed
are the settings the scene itself sets (10 units, lookback 10, 20 epochs...) and the notebook's
own constants. The claims were checked against the app's numbers: tests/rnnlab/
test_lessons_notebook.py recomputes the ones the texts rest on (the forget gate barely moving
at the peak, the SimpleRNN's gradient vanishing faster than the LSTM's at radius 0.7, the split
sizes), and bench/bench_defaults.py measures that the quick model and Compare's defaults beat
persistence (README, "What is measured").
"""

from __future__ import annotations

import functools

from rnnlab.lessons.model import Lesson

NOTEBOOK = {"source": {"kind": "notebook"}, "range": None,
            "split": {"val_fraction": 0.2, "test_fraction": 0.2, "lookback": 10, "scaler": "minmax"}}
TOY_RNN = {"hidden_source": "toy", "hidden_cell": "SimpleRNN", "hidden_units": 10,
           "hidden_activation": "tanh", "hidden_seed": 42}
STAGE_LSTM = {"hidden_source": "series", "hidden_cell": "LSTM", "hidden_units": 8,
              "hidden_activation": "tanh", "hidden_seed": 0, "hidden_length": 50, "hidden_start": 0}
PEAK_T = 16  # the first peak of the notebook's series, as a step of a 50-step window from 0
NOTEBOOK_LSTM = {"train_cell": "LSTM", "train_layers": 2, "train_units": 50, "train_activation": "relu",
                 "train_epochs": 20, "train_batch_size": 16, "train_optimizer": "adam",
                 "train_learning_rate": 0.001, "train_dropout": 0.0, "train_clipnorm": 0.0,
                 "train_seed": 42}
QUICK_LSTM = {**NOTEBOOK_LSTM, "train_layers": 1, "train_units": 32, "train_activation": "tanh",
              "train_epochs": 40, "train_learning_rate": 0.01}
COMPARE = {"compare_units": 32, "compare_epochs": 60, "compare_batch": 16, "compare_lr": 0.003,
           "compare_seed": 42, "compare_modern": False}

SCENES = [
    {
        "page": "hidden", "settings": TOY_RNN, "hidden": {"t": 1, "unit": 1, "hide_future": False},
        "focus": "stage",
        "title": {"es": "Una red que recuerda: 1, 2, 3, 4, 5",
                  "en": "A network that remembers: 1, 2, 3, 4, 5"},
        "text": {
            "es": "La primera red del cuaderno es una SimpleRNN escrita a mano con numpy: 10 unidades, "
            "tanh y pesos aleatorios pequeños (semilla 42). Lee la secuencia 1, 2, 3, 4, 5 número a "
            "número y, después del 5, debería decir 6. Dice {pred}, el mismo valor que calcula el "
            "cuaderno: todavía no ha aprendido nada. Lo interesante no es esa predicción, sino lo que "
            "pasa dentro. Pulsa → en el escenario para avanzar un paso.",
            "en": "The notebook's first network is a SimpleRNN written by hand in numpy: 10 units, "
            "tanh and small random weights (seed 42). It reads the sequence 1, 2, 3, 4, 5 one number "
            "at a time and, after the 5, it should say 6. It says {pred}, the same value the "
            "notebook computes: it has not learnt anything yet. What matters is not that prediction "
            "but what happens inside. Press → on the stage to move one step.",
        },
        "values": {"pred": {"kind": "prediction", "t": 5}},
    },
    {
        "page": "hidden", "settings": {**TOY_RNN, "hidden_unit": 4},
        "hidden": {"t": 5, "unit": 4, "hide_future": False},
        "focus": "equations",
        "title": {"es": "El estado oculto: la memoria de la red", "en": "The hidden state: the network's memory"},
        "text": {
            "es": "En cada paso la red mezcla el número nuevo con su estado anterior: "
            "h_t = tanh(W_x·x_t + W_h·h_(t−1) + b). Sigue la unidad 4: después del 1 vale {u4_1} y "
            "después del 5 vale {u4_5}. La unidad 5 va en sentido contrario, de {u5_1} a {u5_5}. "
            "Nadie le ha dicho a ninguna unidad qué guardar: cada una es una mezcla distinta de todo lo "
            "leído hasta ahora, y eso es la memoria de una RNN. En «Las cuentas de un paso» tienes esa "
            "suma con sus números, término a término.",
            "en": "At each step the network mixes the new number with its previous state: "
            "h_t = tanh(W_x·x_t + W_h·h_(t−1) + b). Follow unit 4: after the 1 it is {u4_1}, and "
            "after the 5 it is {u4_5}. Unit 5 goes the other way, from {u5_1} to {u5_5}. Nobody told "
            "any unit what to keep: each one is a different mixture of everything read so far, and "
            "that is an RNN's memory. “One step's arithmetic” writes that sum out with its numbers, "
            "term by term.",
        },
        "values": {"u4_1": {"kind": "hidden", "unit": 4, "t": 1}, "u4_5": {"kind": "hidden", "unit": 4, "t": 5},
                   "u5_1": {"kind": "hidden", "unit": 5, "t": 1}, "u5_5": {"kind": "hidden", "unit": 5, "t": 5}},
    },
    {
        "page": "data", "data": NOTEBOOK, "focus": "chart",
        "title": {"es": "La serie del cuaderno: un seno con ruido", "en": "The notebook's series: a noisy sine"},
        "text": {
            "es": "La sección 2 del cuaderno genera {n} valores: dos periodos de sin(t) más ruido "
            "(0,1 por una normal). Es exactamente la serie que calcula el cuaderno ejecutado de arriba "
            "abajo; por eso no coincide con la misma celda ejecutada sola, ya que la sección 1 gasta "
            "antes números del mismo generador aleatorio. Una onda regular con algo de ruido: un buen "
            "banco de pruebas, porque sabemos qué debería aprender una red.",
            "en": "Section 2 of the notebook generates {n} values: two periods of sin(t) plus noise "
            "(0.1 times a normal). It is exactly the series the notebook computes when run top to "
            "bottom; that is why it differs from the same cell run on its own, since section 1 draws "
            "numbers from the same random generator first. A regular wave with some noise: a good test "
            "bench, because we know what a network should learn.",
        },
        "values": {"n": {"kind": "series_len"}},
    },
    {
        "page": "data", "data": NOTEBOOK, "focus": "windows",
        "title": {"es": "Ventanas: de una serie a ejemplos", "en": "Windows: from one series to examples"},
        "text": {
            "es": "Una red recurrente no aprende de la serie entera de golpe, sino de ventanas. Cada "
            "ejemplo son 10 valores seguidos (el lookback) y su objetivo es el valor siguiente. De "
            "{n} valores salen {w} ventanas: las primeras 10 posiciones no pueden ser objetivo, porque "
            "no tienen 10 valores detrás. Mueve la ventana en el explorador y mira qué entra y qué se "
            "predice.",
            "en": "A recurrent network does not learn from the whole series at once, but from windows. "
            "Each example is 10 consecutive values (the lookback) and its target is the next value. "
            "{n} values give {w} windows: the first 10 positions cannot be targets, because they do "
            "not have 10 values behind them. Move the window in the explorer and see what goes in and "
            "what is predicted.",
        },
        "values": {"n": {"kind": "series_len"}, "w": {"kind": "windows", "part": "all"}},
    },
    {
        "page": "data", "data": NOTEBOOK, "focus": "split",
        "title": {"es": "Una división en orden temporal", "en": "A split in time order"},
        "text": {
            "es": "Los primeros {tr} valores sirven para entrenar, los {va} siguientes para validar y "
            "los últimos {te} para la prueba. Nunca se barajan: la prueba hace el papel del futuro, y "
            "al futuro no se le puede echar un vistazo mientras se entrena. Las ventanas se reparten "
            "según dónde cae su objetivo: {wtr} en entrenamiento, {wva} en validación y {wte} en prueba.",
            "en": "The first {tr} values are for training, the next {va} for validation and the last "
            "{te} for testing. They are never shuffled: the test part plays the future, and you cannot "
            "peek at the future while training. Windows go where their target falls: {wtr} in "
            "training, {wva} in validation and {wte} in test.",
        },
        "values": {"tr": {"kind": "points", "part": "train"}, "va": {"kind": "points", "part": "val"},
                   "te": {"kind": "points", "part": "test"},
                   "wtr": {"kind": "windows", "part": "train"}, "wva": {"kind": "windows", "part": "val"},
                   "wte": {"kind": "windows", "part": "test"}},
    },
    {
        "page": "data", "data": NOTEBOOK, "focus": "scaler",
        "title": {"es": "El escalado se ajusta solo con el entrenamiento",
                  "en": "The scaler is fitted on the training part only"},
        "text": {
            "es": "Las redes aprenden mejor con números pequeños, así que la serie se lleva a [0, 1] "
            "con su mínimo y su máximo. rnnlab los calcula solo con la parte de entrenamiento: mínimo "
            "{mn} y máximo {mx}. Calcularlos con toda la serie sería dejar que el modelo viera el "
            "futuro. ¿Y el cuaderno? Su celda hace scaler.fit_transform(X.T).T: como X.T tiene una "
            "columna por ventana, aprende un mínimo y un máximo por ventana (cada ventana escalada "
            "consigo misma) y luego falla al transformar y, que tiene una sola columna. Ábrela en «La "
            "celda de escalado del cuaderno, ejecutada aquí».",
            "en": "Networks learn better with small numbers, so the series is mapped to [0, 1] with "
            "its minimum and maximum. rnnlab computes them on the training part only: minimum {mn} and "
            "maximum {mx}. Computing them on the whole series would let the model see the future. And "
            "the notebook? Its cell runs scaler.fit_transform(X.T).T: since X.T has one column per "
            "window, it learns a minimum and a maximum per window (each window scaled by itself) and "
            "then fails to transform y, which has a single column. Open it in “The notebook's scaling "
            "cell, run here”.",
        },
        "values": {"mn": {"kind": "scaler", "stat": "min"}, "mx": {"kind": "scaler", "stat": "max"}},
    },
    {
        "page": "hidden", "data": NOTEBOOK, "settings": STAGE_LSTM, "focus": "stage",
        "hidden": {"t": PEAK_T - 1, "unit": 1, "hide_future": True},
        "title": {"es": "Las puertas de una LSTM, junto a un pico", "en": "An LSTM's gates, next to a peak"},
        "text": {
            "es": "Ahora una LSTM de 8 unidades lee los primeros 50 valores de la serie. En el paso "
            "{peak_t} llega el primer pico: {peak}. La puerta de olvido f decide cuánto de la memoria "
            "(el estado de celda c) se conserva: 1 lo guarda todo, 0 lo borra. En el paso anterior, "
            "la de la unidad 1 vale {f_before}. Predice cuánto valdrá en el pico, escribe tu respuesta "
            "y después pulsa → en el escenario.",
            "en": "Now an 8-unit LSTM reads the first 50 values of the series. At step {peak_t} comes "
            "the first peak: {peak}. The forget gate f decides how much of the memory (the cell state "
            "c) is kept: 1 keeps it all, 0 wipes it. At the step before, unit 1's forget gate is "
            "{f_before}. Predict its value at the peak, type your answer, then press → on the stage.",
        },
        "values": {"peak": {"kind": "input", "t": PEAK_T},
                   "f_before": {"kind": "gate", "gate": "forget", "unit": 1, "t": PEAK_T - 1}},
        "question": {"kind": "value", "preset": "gate", "params": {"t": PEAK_T, "unit": 1, "gate": "forget"}},
    },
    {
        "page": "hidden", "data": NOTEBOOK, "settings": STAGE_LSTM, "focus": "stage",
        "hidden": {"t": PEAK_T, "unit": 1, "hide_future": False},
        "title": {"es": "Una puerta que todavía no ha aprendido", "en": "A gate that has not learnt yet"},
        "text": {
            "es": "En el pico la puerta de olvido vale {f_peak}, casi lo mismo que un paso antes "
            "({f_before}), aunque la serie acaba de llegar a su máximo. Esta LSTM no está entrenada: "
            "Keras empieza el sesgo de la puerta de olvido en 1, y σ(1) ≈ 0,73, así que la puerta "
            "queda abierta casi igual en cada paso. Qué guardar y qué olvidar es justo lo que aprende "
            "el entrenamiento. Prueba «Entrenar con retropropagación a través del tiempo (BPTT)», "
            "activa «Mostrar la red entrenada» y vuelve a este paso: lo que cambie lo habrá aprendido "
            "la red.",
            "en": "At the peak the forget gate is {f_peak}, almost what it was one step before "
            "({f_before}), although the series has just reached its maximum. This LSTM is untrained: "
            "Keras starts the forget gate's bias at 1, and σ(1) ≈ 0.73, so the gate stays open almost "
            "the same at every step. What to keep and what to forget is exactly what training learns. "
            "Try “Train with BPTT”, turn on “Show the trained network” and come back to this step: "
            "whatever changes, the network learnt.",
        },
        "values": {"f_peak": {"kind": "gate", "gate": "forget", "unit": 1, "t": PEAK_T},
                   "f_before": {"kind": "gate", "gate": "forget", "unit": 1, "t": PEAK_T - 1}},
    },
    {
        "page": "hidden", "data": NOTEBOOK,
        "settings": {**STAGE_LSTM, "hidden_grad_radius": 0.7, "hidden_grad_length": 50},
        "focus": "gradients",
        "title": {"es": "Gradientes que se desvanecen", "en": "Vanishing gradients"},
        "text": {
            "es": "Para aprender de un valor lejano, el error tiene que viajar hacia atrás paso a paso, "
            "multiplicándose cada vez por los pesos recurrentes. Con esos pesos escalados a radio "
            "espectral 0,7, a la SimpleRNN le llega {s1} un paso atrás, {s10} a diez pasos y {s30} a "
            "treinta: prácticamente nada, así que no puede aprender dependencias tan largas. La LSTM "
            "conserva {l30} a treinta pasos, poco pero cientos de veces más: su estado de celda lleva "
            "la señal de paso en paso multiplicada solo por la puerta de olvido (≈ 0,73 sin "
            "entrenar). Sube el radio a 1,3 y verás el problema contrario: el gradiente de la "
            "SimpleRNN crece con la distancia, explota.",
            "en": "To learn from a distant value, the error has to travel back step by step, being "
            "multiplied by the recurrent weights each time. With those weights scaled to spectral "
            "radius 0.7, the SimpleRNN gets {s1} one step back, {s10} ten steps back and {s30} thirty "
            "steps back: practically nothing, so it cannot learn dependencies that long. The LSTM keeps "
            "{l30} thirty steps back, little but hundreds of times more: its cell state carries the "
            "signal from step to step multiplied only by the forget gate (≈ 0.73 untrained). Raise the radius to 1.3 and you will see the opposite problem: the SimpleRNN's "
            "gradient grows with distance, it explodes.",
        },
        "values": {"s1": {"kind": "gradient", "cell": "SimpleRNN", "back": 1},
                   "s10": {"kind": "gradient", "cell": "SimpleRNN", "back": 10},
                   "s30": {"kind": "gradient", "cell": "SimpleRNN", "back": 30},
                   "l30": {"kind": "gradient", "cell": "LSTM", "back": 30}},
    },
    {
        "page": "train", "data": NOTEBOOK, "settings": NOTEBOOK_LSTM, "focus": "settings",
        "needs_run": False,  # the bet comes before the training (the next scene starts it)
        "title": {"es": "El modelo del cuaderno: ¿gana a «mañana = hoy»?",
                  "en": "The notebook's model: does it beat “tomorrow = today”?"},
        "text": {
            "es": "Este es el modelo de la sección 2 del cuaderno: dos LSTM apiladas de 50 unidades con "
            "relu, 20 épocas, lotes de 16 y Adam con tasa 0,001, en total {params} parámetros. La "
            "referencia más sencilla es la persistencia, «mañana = hoy»: predecir que el siguiente "
            "valor será igual al último. Su MASE de prueba es {pers} (el MASE divide el error medio "
            "entre el de la persistencia dentro del entrenamiento). Antes de entrenar, apuesta: "
            "¿ganará la LSTM a la persistencia? Luego pulsa «Entrenar» o pasa a la escena siguiente.",
            "en": "This is the model of the notebook's section 2: two stacked 50-unit LSTMs with relu, "
            "20 epochs, batches of 16 and Adam at learning rate 0.001, {params} parameters in all. The "
            "simplest yardstick is persistence, “tomorrow = today”: predicting that the next value "
            "equals the last one. Its test MASE is {pers} (MASE divides the mean error by persistence's "
            "within the training part). Before training, place a bet: will the LSTM beat persistence? "
            "Then press “Train” or go on to the next scene.",
        },
        "values": {"params": {"kind": "params"}, "pers": {"kind": "baseline_mase", "method": "persistence"}},
        "question": {"kind": "choice", "preset": "persistence"},
    },
    {
        "page": "train", "data": NOTEBOOK, "settings": NOTEBOOK_LSTM, "focus": "metrics",
        "needs_run": True,
        "title": {"es": "Por qué pierde", "en": "Why it loses"},
        "text": {
            "es": "MASE de prueba de la LSTM: {mase}; de la persistencia: {pers}. Le mejora en {imp} "
            "(un número negativo quiere decir que pierde). No es que las LSTM no sirvan. Con {wtr} "
            "ventanas de entrenamiento y lotes de 16 hay 4 lotes por época: 20 épocas son solo 80 pasos "
            "de Adam a 0,001, muy pocos para {params} parámetros. La red todavía no ha aprendido la "
            "forma de la onda, y copiar el último valor le gana.",
            "en": "The LSTM's test MASE: {mase}; persistence's: {pers}. It improves on it by {imp} (a "
            "negative number means it loses). Not because LSTMs are no good. With {wtr} training "
            "windows and batches of 16 there are 4 batches per epoch: 20 epochs are only 80 Adam steps "
            "at 0.001, far too few for {params} parameters. The network has not yet learnt the shape of "
            "the wave, and copying the last value beats it.",
        },
        "values": {"mase": {"kind": "run_metric", "metric": "mase", "part": "test"},
                   "pers": {"kind": "baseline_mase", "method": "persistence"},
                   "imp": {"kind": "run_improvement", "part": "test"},
                   "wtr": {"kind": "windows", "part": "train"}, "params": {"kind": "params"}},
    },
    {
        "page": "train", "data": NOTEBOOK, "settings": QUICK_LSTM, "focus": "metrics", "needs_run": True,
        "title": {"es": "Un arreglo que sí gana", "en": "A fix that wins"},
        "text": {
            "es": "Ahora una sola LSTM de 32 unidades con tanh, 40 épocas a tasa 0,01: son los «Ajustes "
            "rápidos» de la página. Tiene {params} parámetros, muchos menos, y aprende con pasos más "
            "largos durante el doble de épocas. MASE de prueba: {mase}, frente a {pers} de la "
            "persistencia, una mejora de {imp}. La lección vale para cualquier modelo: antes de "
            "creértelo, compáralo con una referencia sencilla.",
            "en": "Now a single 32-unit LSTM with tanh, 40 epochs at learning rate 0.01: the page's "
            "“Quick defaults”. It has {params} parameters, far fewer, and learns with longer steps for "
            "twice the epochs. Test MASE: {mase}, against {pers} for persistence, an improvement of "
            "{imp}. The lesson holds for any model: before you believe it, compare it with a simple "
            "yardstick.",
        },
        "values": {"params": {"kind": "params"}, "mase": {"kind": "run_metric", "metric": "mase", "part": "test"},
                   "pers": {"kind": "baseline_mase", "method": "persistence"},
                   "imp": {"kind": "run_improvement", "part": "test"}},
    },
    {
        "page": "compare", "data": NOTEBOOK, "settings": COMPARE, "focus": "verdict", "needs_run": True,
        "title": {"es": "SimpleRNN, LSTM y GRU, cara a cara", "en": "SimpleRNN, LSTM and GRU, head to head"},
        "text": {
            "es": "La última celda del cuaderno entrena las tres celdas con los mismos datos y las "
            "compara por la pérdida de validación. Aquí se entrenan con los mismos ajustes (32 "
            "unidades, 60 épocas, Adam a 0,003, la misma semilla) y se juzgan como antes, por el MASE "
            "de prueba frente a la persistencia. Apuesta mientras se entrenan: ¿cuál gana? Fíjate también en "
            "los parámetros: con las mismas unidades, la LSTM tiene cuatro bloques de pesos, la GRU "
            "tres y la SimpleRNN uno. Con una serie tan corta las diferencias son pequeñas, y otra "
            "semilla puede cambiar el orden.",
            "en": "The notebook's last cell trains the three cells on the same data and compares them "
            "by validation loss. Here they train with the same settings (32 units, 60 epochs, Adam at "
            "0.003, the same seed) and are judged as before, by test MASE against persistence. Place a "
            "bet while they train: which one wins? Look at the parameters too: with the same units, the "
            "LSTM has four blocks of weights, the GRU three and the SimpleRNN one. With a series this "
            "short the differences are small, and another seed may change the order.",
        },
        "question": {"kind": "choice", "preset": "winner"},
    },
    {
        "page": "train", "data": NOTEBOOK, "settings": QUICK_LSTM, "focus": "forecast", "needs_run": True,
        "activity": {"kind": "draw", "horizon": 20},  # in a live lesson: draw the future first
        "title": {"es": "Más allá de los datos: un paso contra muchos",
                  "en": "Beyond the data: one step vs many"},
        "text": {
            "es": "Hasta ahora cada predicción partía de valores reales: es la predicción a un paso, "
            "con un error medio (MAE) de {mae} en la prueba. Para ir más allá de los datos no hay "
            "valores reales: la red tiene que alimentarse de sus propias predicciones, la predicción "
            "recursiva. Cada error entra en la ventana siguiente y puede acumularse. El gráfico del "
            "error compara los dos, paso a paso: una red que gana a un paso no tiene por qué ganar a "
            "veinte. Cambia «Pasos más allá de los datos» y mira hasta dónde se sostiene la onda. En "
            "una clase en directo, cada estudiante dibuja antes cómo cree que seguirá la serie.",
            "en": "Until now every prediction started from real values: that is one-step prediction, "
            "with a mean error (MAE) of {mae} on the test part. Beyond the data there are no real "
            "values: the network has to feed on its own predictions, recursive forecasting. Each error "
            "enters the next window and can pile up. The error chart compares the two, step by step: a "
            "network that wins one step ahead need not win twenty steps ahead. Change “Steps beyond the "
            "data” and see how long the wave holds. In a live class, each student first draws how they "
            "think the series goes on.",
        },
        "values": {"mae": {"kind": "run_metric", "metric": "mae", "part": "test"}},
    },
]

TITLE = {"es": "El cuaderno, guiado: redes recurrentes en diez minutos",
         "en": "The notebook, guided: recurrent networks in ten minutes"}


def _filled(value):
    """{peak_t}: the peak's step, a setting of the scenes (PEAK_T), not a value of the engine."""
    if isinstance(value, dict):
        return {k: _filled(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_filled(v) for v in value]
    return value.replace("{peak_t}", str(PEAK_T)) if isinstance(value, str) else value


@functools.cache
def lesson() -> Lesson:
    """The built-in lesson, checked like any lesson file (Lesson.from_dict)."""
    return Lesson.from_dict({"format": "rnnlab-lesson", "version": 1, "title": TITLE,
                             "scenes": _filled(SCENES)})
