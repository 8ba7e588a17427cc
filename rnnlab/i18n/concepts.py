"""Strings of the Concepts page: the notebook's theory as a lesson, in Spanish and English."""

STRINGS = {
    "concepts.title": {"es": "Conceptos: cómo piensa una red recurrente",
                       "en": "Concepts: how a recurrent network thinks"},
    "concepts.intro": {
        "es": "La teoría del cuaderno, paso a paso: qué es una red recurrente, cómo funcionan "
        "SimpleRNN, LSTM y GRU, cómo se entrenan (retropropagación a través del tiempo, BPTT), por qué el gradiente se desvanece y cómo "
        "lo evitan las puertas. Las ecuaciones usan los mismos símbolos que el código de "
        "`rnnlab.scratch` y que la página **Estados ocultos**.",
        "en": "The notebook's theory, step by step: what a recurrent network is, how SimpleRNN, "
        "LSTM and GRU work, how they are trained (BPTT), why the gradient vanishes and how gates "
        "prevent it. The equations use the same symbols as the code in `rnnlab.scratch` and the "
        "**Hidden states** page.",
    },
    # What an RNN is
    "concepts.rnn_title": {"es": "1. ¿Qué es una red recurrente?", "en": "1. What is a recurrent network?"},
    "concepts.rnn_body": {
        "es": "Una red densa mira cada entrada por separado. Una **red recurrente (RNN)** lee una "
        "secuencia **paso a paso**, en orden, y lleva consigo un **estado oculto** $h_t$: un "
        "vector que resume lo que ha visto hasta ahora, su memoria.\n\n"
        "En cada paso, la **misma celda con los mismos pesos** combina la entrada nueva $x_t$ con "
        "el estado anterior $h_{{t-1}}$ y produce $h_t$. Si dibujamos una copia de la celda por paso "
        "(**desplegar en el tiempo**), la RNN parece una red profunda cuyas capas comparten pesos: "
        "así se entrena.\n\n"
        "Aquí, una ventana de {lookback} valores de la serie es una secuencia de {lookback} pasos "
        "con $D = 1$ característica, y la red predice el valor siguiente a partir del último estado.",
        "en": "A dense network looks at each input on its own. A **recurrent network (RNN)** reads "
        "a sequence **one step at a time**, in order, and carries a **hidden state** $h_t$: a "
        "vector that sums up what it has seen so far, its memory.\n\n"
        "At every step the **same cell with the same weights** combines the new input $x_t$ with "
        "the previous state $h_{{t-1}}$ and produces $h_t$. Drawing one copy of the cell per step "
        "(**unrolling in time**) makes the RNN look like a deep network whose layers share "
        "weights: that is how it is trained.\n\n"
        "Here, a window of {lookback} values of the series is a sequence of {lookback} steps with "
        "$D = 1$ feature, and the network predicts the next value from the last state.",
    },
    "concepts.steps": {"es": "Pasos desplegados", "en": "Unrolled steps"},
    "concepts.steps_help": {
        "es": "Cuántas copias de la celda dibujar: una por paso de tiempo.",
        "en": "How many copies of the cell to draw: one per time step.",
    },
    "concepts.fig_unrolled": {"es": "Una RNN plegada y desplegada en el tiempo",
                              "en": "An RNN, folded and unrolled in time"},
    "concepts.folded": {"es": "plegada", "en": "folded"},
    "concepts.shared": {
        "es": "los mismos pesos W<sub>x</sub>, W<sub>h</sub>, b en cada paso",
        "en": "the same weights W<sub>x</sub>, W<sub>h</sub>, b at every step",
    },
    "concepts.link_data": {"es": "Elige o sube la serie en Datos", "en": "Pick or upload the series on Data"},
    "concepts.link_hidden": {"es": "Recórrelo paso a paso en Estados ocultos",
                             "en": "Step through it on Hidden states"},
    # SimpleRNN
    "concepts.simple_title": {"es": "2. SimpleRNN", "en": "2. SimpleRNN"},
    "concepts.simple_body": {
        "es": "La celda más sencilla: una sola capa densa con $\\tanh$ que mezcla la entrada y el "
        "estado anterior. La predicción sale de una capa densa sobre el último estado $h_T$.",
        "en": "The simplest cell: a single dense layer with $\\tanh$ that mixes the input and the "
        "previous state. The prediction comes from a dense layer on the last state $h_T$.",
    },
    "concepts.notation": {
        "es": "Vectores fila, como en el código y en Keras: $x_t$ es $1 \\times D$, $h_t$ es "
        "$1 \\times H$, $W_x$ es $D \\times H$, $W_h$ es $H \\times H$ y $b$ tiene $H$ valores "
        "($D$ características de entrada, $H$ unidades). $\\odot$ es el producto elemento a elemento.",
        "en": "Row vectors, as in the code and in Keras: $x_t$ is $1 \\times D$, $h_t$ is "
        "$1 \\times H$, $W_x$ is $D \\times H$, $W_h$ is $H \\times H$ and $b$ has $H$ values "
        "($D$ input features, $H$ units). $\\odot$ is the element-wise product.",
    },
    # Activations
    "concepts.act_title": {"es": "3. Funciones de activación", "en": "3. Activation functions"},
    "concepts.act_body": {
        "es": "- **sigmoide** $\\sigma$: de 0 a 1, una llave de paso. Las puertas la usan para "
        "decidir *cuánto* deja pasar.\n"
        "- **tanh**: de −1 a 1 y centrada en 0. Da forma al estado y al candidato.\n"
        "- **ReLU**: 0 o la propia entrada, sin techo. El cuaderno la usa en sus LSTM; al no estar "
        "acotada, el estado puede crecer sin límite y desbordarse.\n\n"
        "La **pendiente** (derecha) importa al entrenar: el gradiente se multiplica por ella en "
        "cada paso hacia atrás. La de la sigmoide nunca pasa de 0,25: si además los pesos "
        "recurrentes tienen norma 1 o menor, tras {steps} pasos queda como mucho ${decay}$ del "
        "gradiente (con pesos mayores la cota no vale y el gradiente puede incluso crecer).",
        "en": "- **sigmoid** $\\sigma$: from 0 to 1, a valve. Gates use it to decide *how much* "
        "gets through.\n"
        "- **tanh**: from −1 to 1, centred on 0. It shapes the state and the candidate.\n"
        "- **ReLU**: 0 or the input itself, with no ceiling. The notebook uses it in its LSTMs; "
        "being unbounded, the state can grow without limit and blow up.\n\n"
        "The **slope** (right) matters in training: the gradient is multiplied by it at every step "
        "back. The sigmoid's never exceeds 0.25: if the recurrent weights also have norm 1 or less, "
        "after {steps} steps at most ${decay}$ of the gradient is left (with larger weights the "
        "bound does not hold and the gradient may even grow).",
    },
    "concepts.fig_act": {"es": "Activaciones y sus pendientes", "en": "Activations and their slopes"},
    "concepts.act_values": {"es": "Función", "en": "Function"},
    "concepts.act_slopes": {"es": "Pendiente (derivada)", "en": "Slope (derivative)"},
    "concepts.act_x": {"es": "entrada z", "en": "input z"},
    "concepts.act_pick": {"es": "Funciones", "en": "Functions"},
    "concepts.act_pick_help": {
        "es": "Elige qué activaciones comparar.",
        "en": "Choose which activations to compare.",
    },
    "concepts.act_none": {
        "es": "Elige al menos una función para ver la gráfica.",
        "en": "Choose at least one function to see the chart.",
    },
    # LSTM
    "concepts.lstm_title": {"es": "4. LSTM: memoria con puertas", "en": "4. LSTM: memory with gates"},
    "concepts.lstm_body": {
        "es": "La LSTM (*Long Short-Term Memory*) añade un **estado de celda** $c_t$, una memoria a "
        "largo plazo, y tres **puertas** con sigmoide que deciden qué entra, qué se queda y qué sale. "
        "Se calculan en este orden, el mismo que en el código:",
        "en": "The LSTM (*Long Short-Term Memory*) adds a **cell state** $c_t$, a long-term memory, "
        "and three sigmoid **gates** that decide what goes in, what stays and what comes out. They "
        "are computed in this order, the same as in the code:",
    },
    "concepts.gate_i": {
        "es": "**$i_t$, puerta de entrada**: cuánto del candidato nuevo se escribe en la memoria.",
        "en": "**$i_t$, input gate**: how much of the new candidate is written to memory.",
    },
    "concepts.gate_f": {
        "es": "**$f_t$, puerta de olvido**: cuánto de la memoria anterior se conserva (1) o se "
        "borra (0).",
        "en": "**$f_t$, forget gate**: how much of the old memory is kept (1) or erased (0).",
    },
    "concepts.gate_g": {
        "es": "**$g_t$, candidato**: la información nueva propuesta, con $\\tanh$.",
        "en": "**$g_t$, candidate**: the proposed new information, through $\\tanh$.",
    },
    "concepts.gate_o": {
        "es": "**$o_t$, puerta de salida**: cuánto de la memoria se muestra como estado oculto $h_t$.",
        "en": "**$o_t$, output gate**: how much of the memory is shown as the hidden state $h_t$.",
    },
    "concepts.gate_c": {
        "es": "**$c_t$, estado de celda**: olvida con $f_t$ y suma lo nuevo con $i_t$: solo "
        "productos y sumas, sin aplastar, por eso la información (y el gradiente) viaja lejos.",
        "en": "**$c_t$, cell state**: forgets through $f_t$ and adds the new through $i_t$: only "
        "products and sums, no squashing, which is why information (and the gradient) travels far.",
    },
    "concepts.lstm_blocks": {
        "es": "En Keras, el kernel $W_x$ es $D \\times 4H$ con los bloques en este orden (igual "
        "$W_h$ y $b$). El sesgo de $f$ empieza en 1, para que al principio la celda recuerde.",
        "en": "In Keras, the kernel $W_x$ is $D \\times 4H$ with the blocks in this order (and so "
        "are $W_h$ and $b$). The bias of $f$ starts at 1, so that the cell remembers at first.",
    },
    "concepts.link_gates": {"es": "Mira las puertas moverse en Estados ocultos",
                            "en": "Watch the gates move on Hidden states"},
    # GRU
    "concepts.gru_title": {"es": "5. GRU: dos puertas y un solo estado",
                           "en": "5. GRU: two gates and a single state"},
    "concepts.gru_body": {
        "es": "La GRU (*Gated Recurrent Unit*) simplifica la LSTM: no tiene estado de celda aparte "
        "y usa dos puertas.\n\n"
        "- **$z_t$, puerta de actualización**: pesa el estado **anterior**; con $z_t = 1$ la "
        "unidad copia su memoria tal cual, con $z_t = 0$ la sustituye por el candidato.\n"
        "- **$r_t$, puerta de reinicio**: cuánto del estado anterior usa el candidato "
        "$\\tilde h_t$; con $r_t = 0$ lo ignora y empieza de nuevo.\n\n"
        "Estas son las ecuaciones de Keras (`reset_after=True`, lo predeterminado) y del código: "
        "el reinicio se aplica **después** de multiplicar por $W_{hh}$ y hay dos sesgos por bloque.",
        "en": "The GRU (*Gated Recurrent Unit*) simplifies the LSTM: it has no separate cell state "
        "and uses two gates.\n\n"
        "- **$z_t$, update gate**: weighs the **old** state; with $z_t = 1$ the unit copies its "
        "memory unchanged, with $z_t = 0$ it replaces it with the candidate.\n"
        "- **$r_t$, reset gate**: how much of the old state the candidate $\\tilde h_t$ uses; "
        "with $r_t = 0$ it ignores it and starts afresh.\n\n"
        "These are the equations of Keras (`reset_after=True`, the default) and of the code: the "
        "reset is applied **after** multiplying by $W_{hh}$, and each block has two biases.",
    },
    "concepts.gru_textbook": {
        "es": "**En los libros** (p. ej. *Dive into Deep Learning*) el reinicio va **antes** del "
        "producto, con un solo sesgo; en Keras es `reset_after=False`. Algunos textos intercambian "
        "$z_t$ y $1 - z_t$: es el mismo modelo, solo cambia qué significa $z$.",
        "en": "**Textbooks** (e.g. *Dive into Deep Learning*) apply the reset **before** the "
        "product, with a single bias; in Keras that is `reset_after=False`. Some texts swap $z_t$ "
        "and $1 - z_t$: it is the same model, only the meaning of $z$ changes.",
    },
    # BPTT
    "concepts.bptt_title": {"es": "6. Retropropagación a través del tiempo (BPTT)",
                            "en": "6. Backpropagation through time (BPTT)"},
    "concepts.bptt_body": {
        "es": "Para entrenar, se despliega la red sobre la ventana y se aplica la retropropagación "
        "de siempre, de $h_T$ hacia atrás hasta $h_1$. Como los pesos son los mismos en cada "
        "paso, sus gradientes se **suman** sobre todos los pasos.\n\n"
        "En una SimpleRNN, el gradiente respecto al estado, $\\delta_t$, retrocede un paso así "
        "(es la línea del código de `backward`):",
        "en": "To train, the network is unrolled over the window and ordinary backpropagation runs "
        "from $h_T$ back to $h_1$. Because the weights are the same at every step, their gradients "
        "are **summed** over all the steps.\n\n"
        "In a SimpleRNN, the gradient with respect to the state, $\\delta_t$, goes back one step "
        "like this (it is the line of code in `backward`):",
    },
    "concepts.bptt_after": {
        "es": "Cada paso atrás multiplica por $W_h^\\top$ y por la pendiente de $\\tanh$ (a lo "
        "sumo 1). Tras $k$ pasos el gradiente se ha multiplicado $k$ veces: si $W_h$ encoge los "
        "vectores, **se desvanece**; si los estira, **explota** (el recorte del gradiente, "
        "*clipnorm* en **Entrenar**, lo frena).",
        "en": "Every step back multiplies by $W_h^\\top$ and by the slope of $\\tanh$ (at most 1). "
        "After $k$ steps the gradient has been multiplied $k$ times: if $W_h$ shrinks vectors, it "
        "**vanishes**; if it stretches them, it **explodes** (gradient clipping, *clipnorm* on "
        "**Train**, holds it back).",
    },
    "concepts.link_train": {"es": "Prueba el recorte del gradiente en Entrenar",
                            "en": "Try gradient clipping on Train"},
    # Vanishing gradient
    "concepts.vanish_title": {"es": "7. El gradiente que se desvanece y por qué ayudan las puertas",
                              "en": "7. The vanishing gradient, and why gates help"},
    "concepts.vanish_body": {
        "es": "Con un gradiente que se desvanece, los pasos lejanos casi no reciben señal: la "
        "SimpleRNN no aprende dependencias largas.\n\n"
        "Las puertas abren un **camino directo** hacia atrás. En la LSTM, la memoria solo se "
        "multiplica por la puerta de olvido: si $f_t \\approx 1$, el gradiente pasa casi intacto "
        "muchos pasos. En la GRU, la puerta de actualización $z_t$ hace lo mismo con $h_t$.",
        "en": "With a vanishing gradient, distant steps get almost no signal: the SimpleRNN does "
        "not learn long-range dependencies.\n\n"
        "Gates open a **direct path** backwards. In the LSTM, the memory is only multiplied by "
        "the forget gate: if $f_t \\approx 1$, the gradient passes almost untouched for many steps. "
        "In the GRU, the update gate $z_t$ does the same for $h_t$.",
    },
    "concepts.vanish_fig_body": {
        "es": "La gráfica lo calcula: tres redes en numpy, con pesos al azar, leen el comienzo "
        "de la serie actual; se mide la norma de ${expr}$, cuánto influye el "
        "estado de hace $k$ pasos en el último. Cambia la escala de los pesos recurrentes "
        "(su radio espectral) y el sesgo de la puerta que conserva la memoria: con la puerta "
        "abierta, la LSTM y la GRU mantienen el gradiente; la SimpleRNN no tiene esa puerta. "
        "Con el sesgo en 0 las puertas valen cerca de 0,5, como en una red sin entrenar: entonces "
        "la LSTM y la GRU conservan solo la mitad de su memoria en cada paso y pierden el "
        "gradiente incluso antes que la SimpleRNN. Es lo que muestra **Estados ocultos** con "
        "celdas sin entrenar: allí la GRU (Keras empieza su sesgo en 0) es la que antes lo pierde, y "
        "la LSTM aguanta más porque su puerta de olvido empieza con sesgo 1. Abrir la puerta es lo "
        "que aprende una red entrenada cuando la tarea necesita memoria.",
        "en": "The chart computes it: three numpy networks with random weights read the start "
        "of the current series; it measures the norm of ${expr}$, how much the state "
        "of $k$ steps ago still affects the last one. Change the scale of the recurrent weights "
        "(their spectral radius) and the bias of the gate that keeps the memory: with that gate "
        "open, the LSTM and the GRU keep the gradient; the SimpleRNN has no such gate. With the "
        "bias at 0 the gates sit near 0.5, as in an untrained network: then the LSTM and the GRU "
        "keep only half of their memory at each step and lose the gradient even before the "
        "SimpleRNN does. That is what **Hidden states** shows with untrained cells: there the GRU "
        "(whose bias Keras starts at 0) loses it first, and the LSTM holds on longer because its "
        "forget gate starts with bias 1. Opening the gate is what a trained network learns when "
        "the task needs memory.",
    },
    "concepts.radius": {"es": "Radio espectral de $W_h$", "en": "Spectral radius of $W_h$"},
    "concepts.radius_help": {
        "es": "Los pesos recurrentes se escalan para que su mayor autovalor (en módulo) sea este "
        "número. Por debajo de 1 el gradiente tiende a desvanecerse; por encima puede explotar.",
        "en": "The recurrent weights are scaled so that their largest eigenvalue (in modulus) is "
        "this number. Below 1 the gradient tends to vanish; above 1 it may explode.",
    },
    "concepts.length": {"es": "Longitud de la secuencia", "en": "Sequence length"},
    "concepts.length_help": {
        "es": "Cuántos pasos lee la red antes de medir.",
        "en": "How many steps the network reads before measuring.",
    },
    "concepts.fig_decay": {"es": "Cuánto gradiente llega k pasos atrás",
                           "en": "How much gradient reaches k steps back"},
    "concepts.decay_x": {"es": "pasos hacia atrás k", "en": "steps back k"},
    "concepts.decay_y": {"es": "gradiente que llega (1 = todo)", "en": "gradient that arrives (1 = all)"},
    "concepts.decay_short": {
        "es": "La serie actual tiene menos de 3 valores: elige otra en la página Datos.",
        "en": "The current series has fewer than 3 values: pick another one on the Data page.",
    },
    "concepts.keep_bias": {"es": "Sesgo de la puerta que conserva", "en": "Bias of the keeping gate"},
    "concepts.keep_bias_help": {
        "es": "El sesgo de $f$ (LSTM) y de $z$ (GRU). Más alto = puerta más abierta: la memoria "
        "(y el gradiente) pasa mejor. Keras empieza la LSTM en 1 y la GRU en 0.",
        "en": "The bias of $f$ (LSTM) and $z$ (GRU). Higher = gate more open: memory (and the "
        "gradient) gets through better. Keras starts the LSTM at 1 and the GRU at 0.",
    },
    "concepts.decay_summary": {
        "es": "A {k} pasos hacia atrás queda: {values} del gradiente.",
        "en": "At {k} steps back, what is left of the gradient: {values}.",
    },
    # Parameter calculator
    "concepts.params_title": {"es": "8. ¿Cuántos parámetros tiene?", "en": "8. How many parameters?"},
    "concepts.params_body": {
        "es": "Cada bloque (puerta o candidato) tiene su kernel de entrada ($D \\times H$), su "
        "kernel recurrente ($H \\times H$) y su sesgo ($H$). La SimpleRNN tiene 1 bloque, la LSTM 4 "
        "y la GRU 3 (con dos sesgos por bloque en Keras). En una pila, cada capa recibe como "
        "entrada las $H$ unidades de la anterior, y al final una capa densa añade $H + 1$.",
        "en": "Each block (gate or candidate) has its input kernel ($D \\times H$), its recurrent "
        "kernel ($H \\times H$) and its bias ($H$). The SimpleRNN has 1 block, the LSTM 4 and the "
        "GRU 3 (with two biases per block in Keras). In a stack, each layer takes the $H$ units of "
        "the previous one as input, and a final dense layer adds $H + 1$.",
    },
    "concepts.units": {"es": "Unidades por capa (H)", "en": "Units per layer (H)"},
    "concepts.input_size": {"es": "Características de entrada (D)", "en": "Input features (D)"},
    "concepts.input_help": {
        "es": "1 para una sola serie; más si cada paso trae varias variables.",
        "en": "1 for a single series; more if every step carries several variables.",
    },
    "concepts.layers": {"es": "Capas recurrentes apiladas", "en": "Stacked recurrent layers"},
    "concepts.one_layer": {"es": "Una capa", "en": "One layer"},
    "concepts.stack_total": {
        "es": "Modelo completo ({layers} recurrentes + densa): **{n}** parámetros.",
        "en": "Whole model ({layers} recurrent + dense): **{n}** parameters.",
    },
    "concepts.fig_params": {"es": "Parámetros del modelo completo", "en": "Parameters of the whole model"},
    "concepts.params_y": {"es": "parámetros", "en": "parameters"},
    "concepts.notebook_hint": {
        "es": "El modelo del cuaderno: {cell}, $H = {units}$, $D = 1$, {layers} capas → {n} parámetros.",
        "en": "The notebook's model: {cell}, $H = {units}$, $D = 1$, {layers} layers → {n} parameters.",
    },
    "concepts.link_compare": {"es": "Entrénalas lado a lado en Comparar",
                              "en": "Train them side by side on Compare"},
    # When to use which
    "concepts.which_title": {"es": "9. ¿Cuál usar?", "en": "9. Which one to use?"},
    "concepts.which_table": {
        "es": "| | SimpleRNN | LSTM | GRU |\n|---|---|---|---|\n"
        "| Qué recuerda | un estado $h_t$ | un estado $h_t$ y una celda $c_t$ | un estado $h_t$ |\n"
        "| Puertas | ninguna | 3: entrada, olvido y salida | 2: actualización y reinicio |\n"
        "| Parámetros (misma anchura) | 1× | 4× | 3× |\n"
        "| Dependencias largas | le cuestan: el gradiente se desvanece | las aprende bien | casi "
        "tan bien como la LSTM |\n"
        "| Cuándo elegirla | secuencias cortas, o como referencia rápida | dependencias largas y "
        "datos abundantes | si quieres casi lo mismo que con la LSTM, con menos parámetros y más "
        "rápido |",
        "en": "| | SimpleRNN | LSTM | GRU |\n|---|---|---|---|\n"
        "| What it remembers | one state $h_t$ | a state $h_t$ and a cell $c_t$ | one state $h_t$ |\n"
        "| Gates | none | 3: input, forget and output | 2: update and reset |\n"
        "| Parameters (same width) | 1× | 4× | 3× |\n"
        "| Long-range dependencies | hard: the gradient vanishes | learns them well | nearly as "
        "well as the LSTM |\n"
        "| When to choose it | short sequences, or as a quick baseline | long dependencies and "
        "plenty of data | when you want nearly what the LSTM gives, with fewer parameters and "
        "faster |",
    },
    "concepts.which_advice": {
        "es": "En la práctica: empieza por una GRU o una LSTM pequeña, compárala siempre con una "
        "referencia simple (repetir el último valor) y solo entonces hazla más grande.",
        "en": "In practice: start with a small GRU or LSTM, always compare it with a simple "
        "baseline (repeat the last value), and only then make it bigger.",
    },
    # Applications
    "concepts.apps_title": {"es": "10. Aplicaciones", "en": "10. Applications"},
    "concepts.apps_body": {
        "es": "- **Lenguaje natural**: traducción y generación de texto.\n"
        "- **Series temporales**: predecir valores futuros (lo que hace esta aplicación).\n"
        "- **Reconocimiento de voz**: transcribir audio.\n"
        "- **Análisis de sentimiento**: clasificar textos.\n"
        "- **Secuencias en general**: música y vídeo.",
        "en": "- **Natural language**: translation and text generation.\n"
        "- **Time series**: predicting future values (what this app does).\n"
        "- **Speech recognition**: transcribing audio.\n"
        "- **Sentiment analysis**: classifying text.\n"
        "- **Sequences in general**: music and video.",
    },
    # 11. modern recurrences (the Modern recurrences page has the rest)
    "concepts.modern_title": {"es": "11. Recurrencias modernas: una sola forma",
                              "en": "11. Modern recurrences: one form"},
    "concepts.modern_body": {
        "es": "minGRU y minLSTM (Feng et al., 2024) quitan $h_{t-1}$ de las puertas. Entonces cada "
              "paso es $h_t = a_t \\odot h_{t-1} + b_t$ con $a_t$ y $b_t$ calculados solo con $x_t$: "
              "la misma forma que las unidades recurrentes lineales y los modelos de espacio de "
              "estados de Mamba. Como $a_t$ no espera a $h_{t-1}$, toda la secuencia se calcula "
              "con un escaneo paralelo en unas $2\\log_2 T$ rondas. El precio: no pueden hacer "
              "cosas que la GRU sí hace, como llevar la paridad de una secuencia de bits.",
        "en": "minGRU and minLSTM (Feng et al., 2024) take $h_{t-1}$ out of the gates. Each step "
              "is then $h_t = a_t \\odot h_{t-1} + b_t$ with $a_t$ and $b_t$ computed from $x_t$ "
              "only: the same form as linear recurrent units and Mamba's state-space models. As "
              "$a_t$ does not wait for $h_{t-1}$, the whole sequence is computed by a parallel "
              "scan in about $2\\log_2 T$ rounds. The price: they cannot do things the GRU does, "
              "such as keeping the parity of a bit stream.",
    },
    "concepts.link_modern": {"es": "Verlo, cronometrarlo y verlo fallar: Recurrencias modernas",
                             "en": "See it, time it and watch it fail: Modern recurrences"},
}
