"""Strings of the Hidden states page (keys ``hidden.*``)."""

STRINGS = {
    "hidden.title": {"es": "Estados ocultos, paso a paso", "en": "Hidden states, step by step"},
    "hidden.intro": {
        "es": 'Una red recurrente lee la serie valor a valor y guarda lo que recuerda en su **estado oculto** h (la LSTM, además, en su **celda** c). Esta red está programada desde cero en numpy: avanza paso a paso y observa cómo cambian el estado, las puertas y la predicción.',
        "en": 'A recurrent network reads the series one value at a time and keeps what it remembers in its **hidden state** h (an LSTM also in its **cell** c). This network is written from scratch in numpy: step through time and watch the state, the gates and the prediction change.',
    },
    # --- settings
    "hidden.settings": {"es": "La red y su entrada", "en": "The network and its input"},
    "hidden.more_settings": {"es": "Más ajustes", "en": "More settings"},
    "hidden.cell": {"es": "Celda", "en": "Cell"},
    "hidden.cell_help": {
        "es": "SimpleRNN: una sola suma ponderada. LSTM: puertas de entrada, olvido y salida, y una "
        "celda de memoria. GRU: puertas de actualización y reinicio.",
        "en": "SimpleRNN: one weighted sum. LSTM: input, forget and output gates plus a memory "
        "cell. GRU: update and reset gates.",
    },
    "hidden.units": {"es": "Unidades (neuronas)", "en": "Units (neurons)"},
    "hidden.units_help": {"es": "Tamaño del estado oculto h.", "en": "Size of the hidden state h."},
    "hidden.activation": {"es": "Activación", "en": "Activation"},
    "hidden.activation_help": {
        "es": "tanh mantiene el estado entre -1 y 1; relu no tiene techo (el cuaderno la usa en su LSTM).",
        "en": "tanh keeps the state between -1 and 1; relu has no ceiling (the notebook's LSTM uses it).",
    },
    "hidden.seed": {"es": "Semilla", "en": "Seed"},
    "hidden.seed_help": {
        "es": "Fija los pesos iniciales: la misma semilla da la misma red.",
        "en": "Fixes the initial weights: the same seed gives the same network.",
    },
    "hidden.source": {"es": "Entrada", "en": "Input"},
    "hidden.source_series": {"es": "Serie actual", "en": "Current series"},
    "hidden.source_toy": {"es": "Secuencia del cuaderno 1, 2, 3, 4, 5", "en": "Notebook sequence 1, 2, 3, 4, 5"},
    "hidden.length": {"es": "Longitud de la ventana", "en": "Window length"},
    "hidden.length_help": {
        "es": "Cuántos pasos de la serie lee la red.",
        "en": "How many steps of the series the network reads.",
    },
    "hidden.start": {"es": "Inicio de la ventana", "en": "Window start"},
    "hidden.scaled_note": {
        "es": "La red lee la serie escalada, con el escalado ajustado solo en la parte de "
        "entrenamiento, como en la página Entrenar. Las gráficas la muestran en sus unidades.",
        "en": "The network reads the series scaled, with the scaler fitted on the training part "
        "only, as on the Train page. The charts show it in its own units.",
    },
    "hidden.toy_note": {
        "es": "Como en el cuaderno: la red lee 1, 2, 3, 4, 5 sin escalar y debería predecir 6.",
        "en": "As in the notebook: the network reads 1, 2, 3, 4, 5 unscaled and should predict 6.",
    },
    "hidden.toy_weights": {
        "es": "Pesos dibujados como en el cuaderno: `np.random.seed({seed})` y después W_xh, W_hh y "
        "W_hy con `randn × 0,1`, sesgos a cero. Con 10 neuronas, tanh y semilla 42 es la red del "
        "cuaderno y predice lo mismo que imprime (0,0336).",
        "en": "Weights drawn as in the notebook: `np.random.seed({seed})`, then W_xh, W_hh and W_hy "
        "with `randn × 0.1`, zero biases. With 10 units, tanh and seed 42 it is the notebook's "
        "network and predicts what the notebook prints (0.0336).",
    },
    "hidden.too_short": {
        "es": "La serie actual tiene {n} valores y esta página necesita al menos {need}. Elige una "
        "serie más larga en la página Datos o usa la secuencia del cuaderno.",
        "en": "The current series has {n} values and this page needs at least {need}. Choose a "
        "longer series on the Data page or use the notebook sequence.",
    },
    # --- training
    "hidden.train_header": {"es": "Antes y después de aprender", "en": "Before and after learning"},
    "hidden.train": {"es": "Entrenar con retropropagación a través del tiempo (BPTT)", "en": "Train with BPTT"},
    "hidden.train_help": {
        "es": "Entrena esta misma red (numpy, retropropagación a través del tiempo o BPTT, Adam) para predecir el "
        "siguiente valor en cada paso, en el proceso de entrenamiento del servidor. Junto al botón "
        "verás cuánto tardará; puedes detenerlo cuando quieras.",
        "en": "Trains this very network (numpy, backpropagation through time, Adam) to predict the "
        "next value at every step, in the server's training process. The time it will take is shown "
        "beside the button; you can stop it at any moment.",
    },
    "hidden.epochs": {"es": "Épocas", "en": "Epochs"},
    "hidden.training": {"es": "Entrenando: época {epoch} de {epochs}, pérdida {loss}",
                        "en": "Training: epoch {epoch} of {epochs}, loss {loss}"},
    "hidden.too_slow": {
        "es": "Este entrenamiento tardaría unos {estimate} (estimación), más que los {limit} que "
        "admite este servidor compartido. Hazlo más ligero: menos épocas (caben unas {epochs}), "
        "menos unidades o una célula SimpleRNN.",
        "en": "This training would take about {estimate} (estimate), more than the {limit} this "
        "shared server allows. Make it lighter: fewer epochs (about {epochs} fit), fewer units or "
        "a SimpleRNN cell.",
    },
    "hidden.estimate": {
        "es": "Tiempo estimado: unos {time} (máximo {limit}).",
        "en": "Estimated time: about {time} (limit {limit}).",
    },
    "hidden.estimate_nolimit": {"es": "Tiempo estimado: unos {time}.", "en": "Estimated time: about {time}."},
    "hidden.windows_capped": {
        "es": "Entrena con las últimas {n} ventanas de {L} pasos de las {total} de la parte de "
        "entrenamiento: basta para ver aprender a la red y acota la memoria y el tiempo.",
        "en": "Trains on the last {n} windows of {L} steps of the training part's {total}: enough "
        "to watch the network learn, and it bounds memory and time.",
    },
    "hidden.training_epoch": {"es": "Entrenando: época {epoch} de {epochs}",
                              "en": "Training: epoch {epoch} of {epochs}"},
    "hidden.stopping": {"es": "Deteniendo…", "en": "Stopping…"},
    "hidden.training_loss": {"es": "pérdida {loss}", "en": "loss {loss}"},
    "hidden.training_eta": {"es": "quedan unos {eta}", "en": "about {eta} left"},
    "hidden.trained_stopped": {
        "es": "Detenido tras la época {epoch} ({seconds}): la red conserva lo que aprendió hasta "
        "ese momento.",
        "en": "Stopped after epoch {epoch} ({seconds}): the network keeps what it learnt until then.",
    },
    "hidden.trained_done": {
        "es": "Entrenada en {seconds}: la pérdida bajó de {first} a {last}.",
        "en": "Trained in {seconds}: the loss went from {first} down to {last}.",
    },
    "hidden.trained_diverged": {
        "es": "El entrenamiento divergió en la época {epoch}: la pérdida dejó de ser un número "
        "finito. Se conservan los últimos pesos válidos, los de justo antes del paso que la hizo "
        "explotar. Prueba con menos unidades.",
        "en": "Training diverged in epoch {epoch}: the loss stopped being a finite number. The last "
        "valid weights, from just before the step that blew it up, are kept. Try fewer units.",
    },
    "hidden.trained_diverged_relu": {
        "es": "El entrenamiento divergió en la época {epoch}: la pérdida dejó de ser un número "
        "finito. Se conservan los últimos pesos válidos, los de justo antes del paso que la hizo "
        "explotar. Prueba tanh en lugar de relu (relu no está acotada) o menos unidades.",
        "en": "Training diverged in epoch {epoch}: the loss stopped being a finite number. The last "
        "valid weights, from just before the step that blew it up, are kept. Try tanh instead of "
        "relu (relu is unbounded) or fewer units.",
    },
    "hidden.show_trained": {"es": "Mostrar la red entrenada", "en": "Show the trained network"},
    "hidden.show_trained_help": {
        "es": "Apagado: pesos aleatorios iniciales. Encendido: pesos tras entrenar. Compara qué cambió.",
        "en": "Off: the initial random weights. On: the weights after training. Compare what changed.",
    },
    "hidden.showing_untrained": {"es": "Mostrando la red **sin entrenar** (pesos aleatorios).",
                                 "en": "Showing the **untrained** network (random weights)."},
    "hidden.showing_trained": {"es": "Mostrando la red **entrenada**.",
                               "en": "Showing the **trained** network."},
    "hidden.loss_now": {"es": "Error cuadrático medio de la predicción en esta ventana: {mse}",
                        "en": "Mean squared error of the prediction on this window: {mse}"},
    # --- verify
    "hidden.verify": {"es": "Verificar contra Keras", "en": "Verify against Keras"},
    "hidden.verify_help": {
        "es": "Construye la misma capa en Keras, copia los pesos, ejecuta las dos y compara.",
        "en": "Builds the same layer in Keras, copies the weights, runs both and compares.",
    },
    "hidden.verifying": {"es": "Cargando TensorFlow y ejecutando Keras…",
                         "en": "Loading TensorFlow and running Keras…"},
    "hidden.verify_ok": {
        "es": "Keras y nuestra red numpy coinciden: diferencia máxima {diff} en {n} valores de h.",
        "en": "Keras and our numpy network agree: maximum difference {diff} over {n} values of h.",
    },
    "hidden.verify_bad": {
        "es": "Diferencia máxima {diff} en {n} valores de h: mayor de lo esperado (1e-9).",
        "en": "Maximum difference {diff} over {n} values of h: larger than expected (1e-9).",
    },
    "hidden.verify_no_tf": {
        "es": "TensorFlow no está instalado aquí, así que no se puede comparar con Keras. El resto "
        "de la página funciona sin él.",
        "en": "TensorFlow is not installed here, so there is no Keras to compare with. The rest "
        "of the page works without it.",
    },
    # --- stepping
    "hidden.step_header": {"es": "Paso a paso", "en": "Step by step"},
    "hidden.explain_lines": {
        "es": "El mismo estado como líneas, una por neurona (la gráfica del cuaderno).",
        "en": "The same state as lines, one per neuron (the notebook's chart).",
    },
    "hidden.explain_lstm": {
        "es": "Las puertas valen entre 0 (cerrada) y 1 (abierta). Olvido: cuánto de la celda "
        "anterior se conserva. Entrada: cuánto del candidato entra. Salida: cuánto de la celda se "
        "muestra en h. El candidato (entre -1 y 1 con tanh) es lo nuevo que podría guardarse.",
        "en": "Gates range from 0 (closed) to 1 (open). Forget: how much of the previous cell is "
        "kept. Input: how much of the candidate gets in. Output: how much of the cell shows in h. "
        "The candidate (between -1 and 1 with tanh) is the new content that could be stored.",
    },
    "hidden.explain_gru": {
        "es": "Actualización z: cuánto del estado anterior se conserva (z = 1 lo copia tal cual). "
        "Reinicio r: cuánto del estado anterior entra en el candidato. El candidato es el estado "
        "nuevo propuesto.",
        "en": "Update z: how much of the previous state is kept (z = 1 copies it as is). Reset r: "
        "how much of the previous state goes into the candidate. The candidate is the proposed new state.",
    },
    "hidden.explain_cell": {
        "es": "La celda c es la memoria de largo plazo de la LSTM: la puerta de olvido la conserva "
        "y la de entrada le suma el candidato.",
        "en": "The cell c is the LSTM's long-term memory: the forget gate keeps it and the input "
        "gate adds the candidate to it.",
    },
    # --- arithmetic
    "hidden.math_header": {"es": "Las cuentas de un paso", "en": "One step's arithmetic"},
    "hidden.unit": {"es": "Neurona", "en": "Neuron"},
    "hidden.unit_help": {"es": "La neurona cuyas cuentas se muestran.",
                         "en": "The neuron whose arithmetic is shown."},
    "hidden.math_intro": {
        "es": "Neurona {j} en el paso t = {t}, con los números reales (redondeados a 4 decimales). "
        "Puedes comprobarlo a mano o con una calculadora.",
        "en": "Neuron {j} at step t = {t}, with the real numbers (rounded to 4 decimals). You can "
        "check it by hand or with a calculator.",
    },
    "hidden.math_x_scaled": {
        "es": "La red no lee {raw} sino su valor escalado, x_t = {x}.",
        "en": "The network does not read {raw} but its scaled value, x_t = {x}.",
    },
    "hidden.math_check": {
        "es": "Comprobación: la red numpy guardó h = {engine}; estas cuentas dan {ours} (diferencia {diff}).",
        "en": "Check: the numpy network stored h = {engine}; this arithmetic gives {ours} (difference {diff}).",
    },
    "hidden.math_terms": {"es": "Los {H} términos de la suma recurrente",
                          "en": "The {H} terms of the recurrent sum"},
    "hidden.col_k": {"es": "k", "en": "k"},
    "hidden.col_h": {"es": "h_{t-1}[k]", "en": "h_{t-1}[k]"},
    "hidden.col_w": {"es": "peso", "en": "weight"},
    "hidden.col_product": {"es": "producto", "en": "product"},
    "hidden.block_hidden": {"es": "Estado nuevo", "en": "New state"},
    "hidden.block_input": {"es": "Puerta de entrada i", "en": "Input gate i"},
    "hidden.block_forget": {"es": "Puerta de olvido f", "en": "Forget gate f"},
    "hidden.block_candidate": {"es": "Candidato", "en": "Candidate"},
    "hidden.block_output": {"es": "Puerta de salida o", "en": "Output gate o"},
    "hidden.block_update": {"es": "Puerta de actualización z", "en": "Update gate z"},
    "hidden.block_reset": {"es": "Puerta de reinicio r", "en": "Reset gate r"},
    "hidden.math_state": {"es": "Estado nuevo", "en": "New state"},
    # --- gradients
    "hidden.grad_header": {"es": "Gradientes a través del tiempo", "en": "Gradients through time"},
    "hidden.grad_intro": {
        "es": "Para aprender de un valor lejano, el gradiente tiene que viajar hacia atrás paso a "
        "paso, multiplicándose cada vez. Si se encoge, la red no puede aprender dependencias largas "
        "(gradiente que se desvanece); si crece, el entrenamiento explota. Las tres celdas tienen "
        "{H} unidades, pesos recurrentes escalados al radio espectral elegido y leen la serie actual.",
        "en": "To learn from a distant value, the gradient has to travel back step by step, being "
        "multiplied each time. If it shrinks, the network cannot learn long dependencies "
        "(vanishing gradient); if it grows, training blows up. All three cells have {H} units, "
        "recurrent weights scaled to the chosen spectral radius, and read the current series.",
    },
    "hidden.grad_length": {"es": "Longitud de la secuencia", "en": "Sequence length"},
    "hidden.grad_radius": {"es": "Radio espectral de los pesos recurrentes",
                           "en": "Spectral radius of the recurrent weights"},
    "hidden.grad_radius_help": {
        "es": "Cuánto estira el estado cada multiplicación por W_h. Menor que 1 encoge, mayor que 1 estira.",
        "en": "How much each multiplication by W_h stretches the state. Below 1 shrinks, above 1 stretches.",
    },
    "hidden.grad_explain": {
        "es": 'Eje vertical logarítmico: cada línea de la cuadrícula es un factor 10, y una recta que baja es un gradiente que se desvanece exponencialmente. Estas celdas están sin entrenar: sus puertas valen cerca de 0,5, así que la GRU, que mezcla h_t = z·h_{t−1} + (1 − z)·ĥ, conserva solo la mitad de su estado en cada paso y es la que antes pierde el gradiente; la LSTM aguanta algo más porque Keras empieza su puerta de olvido con sesgo 1 (f ≈ 0,73). En **Conceptos** las puertas se abren a propósito (sesgo de la puerta que conserva): eso es lo que aprende una red entrenada cuando necesita memoria, y entonces la LSTM y la GRU sí mantienen el gradiente.',
        "en": 'Logarithmic vertical axis: each grid line is a factor of 10, and a falling straight line is a gradient vanishing exponentially. These cells are untrained: their gates sit near 0.5, so the GRU, which mixes h_t = z·h_{t−1} + (1 − z)·ĥ, keeps only half of its state at each step and is the first to lose the gradient; the LSTM holds on a little longer because Keras starts its forget gate with bias 1 (f ≈ 0.73). On **Concepts** the gates are opened on purpose (the bias of the keeping gate): that is what a trained network learns when it needs memory, and then the LSTM and the GRU do keep the gradient.',
    },
    "hidden.grad_explain_both": {
        "es": "En el color de cada celda: la celda después de entrenarla con esta serie (BPTT, "
        "{epochs} épocas); en gris, fina y punteada: la misma celda sin entrenar. Entrenar mueve las puertas, y con "
        "ellas cuánto gradiente llega lejos. A {k} pasos hacia atrás, la celda entrenada conserva "
        "este múltiplo del gradiente de la celda sin entrenar: {ratios}.",
        "en": "In each cell's colour: the cell after training it on this series (BPTT, {epochs} "
        "epochs); thin dotted grey: the same cell untrained. Training moves the gates, and with them how far the "
        "gradient reaches. {k} steps back, the trained cell keeps this multiple of "
        "the untrained cell's gradient: {ratios}.",
    },
    "hidden.grad_why": {"es": "¿Por qué la GRU sin entrenar pierde antes el gradiente?",
                        "en": "Why does the untrained GRU lose its gradient first?"},
    "hidden.grad_training": {"es": "Entrenando las tres celdas de la sonda…",
                             "en": "Training the three probe cells…"},
    "hidden.memory_explain": {
        "es": 'Sonda de memoria: se suma 0,001 a la entrada que está k pasos antes del final (k = 0 es la última) y se mide cuánto se mueve el estado final h_T. Si apenas se mueve, la red ya ha olvidado ese valor. Con la red entrenada, la curva muestra hasta dónde recuerda de verdad.',
        "en": 'Memory probe: 0.001 is added to the input k steps before the end (k = 0 is the last one) and the change of the final state h_T is measured. If it barely moves, the network has forgotten that value. With the trained network, the curve shows how far back it really remembers.',
    },
    # --- figures
    "hidden.fig.step": {"es": "paso de tiempo t", "en": "time step t"},
    "hidden.fig.state": {"es": "estado oculto h", "en": "hidden state h"},
    "hidden.fig.neuron": {"es": "Neurona {n}", "en": "Neuron {n}"},
    "hidden.fig.lines_title": {"es": "Evolución de los estados ocultos",
                               "en": "Evolution of the hidden states"},
    "hidden.fig.loss_title": {"es": "Pérdida durante el entrenamiento", "en": "Loss during training"},
    "hidden.fig.loss": {"es": "pérdida (ECM)", "en": "loss (MSE)"},
    "hidden.fig.epoch": {"es": "época", "en": "epoch"},
    "hidden.fig.grad_title": {"es": "‖∂h<sub>T</sub>/∂h<sub>t</sub>‖ según la distancia hacia atrás",
                              "en": "‖∂h<sub>T</sub>/∂h<sub>t</sub>‖ by distance back in time"},
    "hidden.fig.grad_title_both": {
        "es": "‖∂h<sub>T</sub>/∂h<sub>t</sub>‖, entrenadas y sin entrenar",
        "en": "‖∂h<sub>T</sub>/∂h<sub>t</sub>‖, trained and untrained"},
    "hidden.fig.grad_norm": {"es": "norma del gradiente", "en": "gradient norm"},
    "hidden.fig.steps_back": {"es": "pasos hacia atrás T − t", "en": "steps back T − t"},
    "hidden.fig.memory_title": {"es": "Sonda de memoria", "en": "Memory probe"},
    "hidden.fig.k_back": {"es": "k pasos antes del final (0 = la última entrada)", "en": "k steps before the end (0 = the last input)"},
    "hidden.fig.untrained": {"es": "sin entrenar", "en": "untrained"},
    "hidden.fig.trained": {"es": "entrenada", "en": "trained"},
    "hidden.grad_trained_header": {
        "es": "La red de arriba: sin entrenar y entrenada",
        "en": "The network above: untrained and trained",
    },
    "hidden.grad_trained_explain": {
        "es": "El mismo gradiente y la misma sonda para la red que entrenaste arriba ({cell}, {H} "
        "unidades), antes y después de entrenar, sobre la misma ventana de la serie. Entrenar cambia "
        "los pesos y las puertas, y con ellos cuánto del pasado llega al final.",
        "en": "The same gradient and the same probe for the network you trained above ({cell}, {H} "
        "units), before and after training, on the same window of the series. Training changes the "
        "weights and the gates, and with them how much of the past reaches the end.",
    },
    "hidden.grad_train_first": {
        "es": "Entrena la red de arriba para ver aquí su perfil entrenado junto al inicial.",
        "en": "Train the network above to see its trained profile here next to the initial one.",
    },
    "hidden.fig.effect": {"es": "cambio de h<sub>T</sub>", "en": "change of h<sub>T</sub>"},
}
