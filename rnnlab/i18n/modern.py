"""Strings of the Modern recurrences page (minGRU, minLSTM, the parallel scan)."""

STRINGS = {
    "nav.modern": {"es": "Recurrencias modernas", "en": "Modern recurrences"},
    "home.modern": {
        "es": "¿Vuelven las RNN? minGRU y minLSTM, el escaneo paralelo cronometrado y dónde fallan.",
        "en": "Are RNNs back? minGRU and minLSTM, the parallel scan timed, and where they fail.",
    },
    "modern.title": {"es": "¿Vuelven las RNN? minGRU, minLSTM y el escaneo paralelo",
                     "en": "Are RNNs back? minGRU, minLSTM and the parallel scan"},
    "modern.intro": {
        "es": "En 2024, Feng y colaboradores quitaron a la GRU y a la LSTM todo lo que depende de "
              "$h_{t-1}$ dentro de las puertas. Lo que queda se calcula para toda la secuencia a la "
              "vez, con un **escaneo paralelo** en lugar de un bucle. Aquí lo construimos desde cero, "
              "comprobamos que da lo mismo que el bucle, lo cronometramos en esta máquina y buscamos "
              "dónde falla.",
        "en": "In 2024 Feng and colleagues took out of the GRU and the LSTM everything inside the "
              "gates that depends on $h_{t-1}$. What remains can be computed for the whole sequence "
              "at once, with a **parallel scan** instead of a loop. Here we build it from scratch, "
              "check that it gives what the loop gives, time it on this machine and look for where "
              "it fails.",
    },
    # 1. the unified form
    "modern.form_title": {"es": "1. Una sola forma para todas", "en": "1. One form for all of them"},
    "modern.form_body": {
        "es": "minGRU, minLSTM, las unidades recurrentes lineales (LRU) y los modelos de espacio de "
              "estados diagonales (los de Mamba) comparten esta forma. La clave: $a_t$ y $b_t$ se "
              "calculan **solo con $x_t$**, nunca con $h_{t-1}$. En la GRU de Keras, en cambio, la "
              "puerta $z_t$ lee $h_{t-1}$, y por eso hay que esperar al paso anterior.",
        "en": "minGRU, minLSTM, linear recurrent units (LRU) and diagonal state-space models (those "
              "behind Mamba) share this form. The key: $a_t$ and $b_t$ are computed **from $x_t$ "
              "only**, never from $h_{t-1}$. In Keras' GRU, by contrast, the gate $z_t$ reads "
              "$h_{t-1}$, so each step must wait for the one before.",
    },
    "modern.g_note": {
        "es": "$g$ es la activación del artículo: mantiene $\\tilde h_t > 0$, lo que permite la forma "
              "logarítmica. La puerta $z_t$ de minGRU pesa el estado **nuevo** (en la GRU de Keras "
              "pesa el viejo).",
        "en": "$g$ is the paper's activation: it keeps $\\tilde h_t > 0$, which the log-space form "
              "needs. minGRU's gate $z_t$ weighs the **new** state (in Keras' GRU it weighs the old "
              "one).",
    },
    # 2. the scan
    "modern.scan_title": {"es": "2. El escaneo paralelo, comprobado contra el bucle",
                          "en": "2. The parallel scan, checked against the loop"},
    "modern.scan_body": {
        "es": "Cada paso es la función $h \\mapsto a_t h + b_t$. Componer dos pasos da otra función "
              "de la misma forma, y esa composición es asociativa: se pueden agrupar los pasos como "
              "se quiera. El escaneo combina pares en paralelo, luego pares de pares… y en unas "
              "$2\\log_2 T$ rondas tiene todos los prefijos $h_1, \\dots, h_T$. El bucle necesita $T$ "
              "pasos, cada uno esperando al anterior.",
        "en": "Each step is the map $h \\mapsto a_t h + b_t$. Composing two steps gives another map "
              "of the same form, and the composition is associative: the steps can be grouped any "
              "way. The scan combines pairs in parallel, then pairs of pairs… and in about "
              "$2\\log_2 T$ rounds it has every prefix $h_1, \\dots, h_T$. The loop needs $T$ steps, "
              "each waiting for the one before.",
    },
    "modern.tree_steps": {"es": "Longitud de la secuencia T", "en": "Sequence length T"},
    "modern.tree_steps_help": {
        "es": "El árbol que dibuja la figura es el que recorre el código (rnnlab/scratch/scan.py) "
              "con esta T.",
        "en": "The tree the figure draws is the one the code (rnnlab/scratch/scan.py) walks for "
              "this T.",
    },
    "modern.fig_tree": {"es": "El bucle (arriba) y el escaneo (debajo), T = {steps}",
                        "en": "The loop (top) and the scan (below), T = {steps}"},
    "modern.loop": {"es": "bucle", "en": "loop"},
    "modern.scan": {"es": "escaneo", "en": "scan"},
    "modern.log": {"es": "escaneo logarítmico", "en": "log-space scan"},
    "modern.round": {"es": "ronda", "en": "round"},
    "modern.input": {"es": "paso", "en": "step"},
    "modern.tree_alt": {
        "es": "Diagrama. Arriba: el bucle, {steps} pasos en cadena, cada uno espera al anterior. "
              "Debajo: el escaneo, {rounds} rondas; en cada ronda se combinan a la vez tramos "
              "vecinos (1..2, 3..4, luego 1..4…) hasta tener los {steps} prefijos; {combines} "
              "combinaciones en total.",
        "en": "Diagram. Top: the loop, {steps} steps in a chain, each waiting for the one before. "
              "Below: the scan, {rounds} rounds; each round combines neighbouring spans at once "
              "(1..2, 3..4, then 1..4…) until all {steps} prefixes are known; {combines} "
              "combinations in all.",
    },
    "modern.rounds_metric": {"es": "Rondas dependientes", "en": "Dependent rounds"},
    "modern.combines_metric": {"es": "Combinaciones (trabajo)", "en": "Combinations (work)"},
    "modern.rounds_caption": {
        "es": "Bucle: {loop} pasos y {loop_work} combinaciones. Escaneo: {scan} rondas y {work} "
              "combinaciones. El escaneo hace más trabajo total en menos rondas: solo gana si hay "
              "hardware para hacer cada ronda a la vez.",
        "en": "Loop: {loop} steps and {loop_work} combinations. Scan: {scan} rounds and {work} "
              "combinations. The scan does more work in fewer rounds: it only wins if there is "
              "hardware to do each round at once.",
    },
    "modern.check_title": {"es": "¿Da lo mismo? Compruébalo ahora",
                           "en": "Is it the same? Check it now"},
    "modern.check_body": {
        "es": "Una minGRU y una minLSTM con pesos al azar, {units} unidades, sobre {steps} pasos de "
              "entrada al azar (semilla {seed}), calculadas de las tres formas en float64:",
        "en": "A minGRU and a minLSTM with random weights, {units} units, over {steps} random input "
              "steps (seed {seed}), computed the three ways in float64:",
    },
    "modern.check_seed": {"es": "Semilla", "en": "Seed"},
    "modern.check_row": {
        "es": "**{cell}**: máx. |escaneo − bucle| = {scan}; máx. |logarítmico − bucle| = {log}",
        "en": "**{cell}**: max |scan − loop| = {scan}; max |log-space − loop| = {log}",
    },
    "modern.check_note": {
        "es": "Diferencias del orden del error de redondeo de float64 ({eps}): los tres cálculos son el "
              "mismo. La forma logarítmica pierde algo más, porque sus logaritmos crecen con T.",
        "en": "Differences at float64 round-off ({eps}): the three computations are the same. The "
              "log-space form loses a little more, because its logarithms grow with T.",
    },
    # 3. timing
    "modern.time_title": {"es": "3. Cronometrado con honestidad", "en": "3. Honestly timed"},
    "modern.time_body": {
        "es": "Medido con `bench/bench_scan.py` en **{cpu}** ({cores} núcleos), el {date}. Carga "
              "media de la máquina durante la medida: {load_before} a {load_after} (otros procesos "
              "compartían los núcleos: los tiempos tienen ruido; mira más las proporciones que los "
              "valores).",
        "en": "Measured by `bench/bench_scan.py` on **{cpu}** ({cores} cores), on {date}. The "
              "machine's load average during the measurement: {load_before} to {load_after} (other "
              "processes shared the cores: the times are noisy; read the ratios more than the "
              "values).",
    },
    "modern.time_missing": {
        "es": "No hay medidas guardadas: ejecuta `python bench/bench_scan.py --write`.",
        "en": "No measurements saved: run `python bench/bench_scan.py --write`.",
    },
    "modern.time_units": {"es": "Unidades (numpy)", "en": "Units (numpy)"},
    "modern.time_what": {"es": "Qué se mide (numpy)", "en": "What is measured (numpy)"},
    "modern.time_forward": {"es": "solo hacia delante", "en": "forward only"},
    "modern.time_train": {"es": "hacia delante + atrás", "en": "forward + backward"},
    "modern.fig_numpy": {"es": "numpy, minGRU con {units} unidades: {what}",
                         "en": "numpy, minGRU with {units} units: {what}"},
    "modern.fig_keras": {"es": "Keras, un paso de entrenamiento (lote {batch}, {units} unidades), {clock}",
                         "en": "Keras, one training step (batch {batch}, {units} units), {clock}"},
    "modern.x_len": {"es": "Longitud de la secuencia T", "en": "Sequence length T"},
    "modern.y_ms": {"es": "Milisegundos (escala log.)", "en": "Milliseconds (log scale)"},
    "modern.time_clock": {"es": "Reloj", "en": "Clock"},
    "modern.clock_wall": {"es": "tiempo real", "en": "wall time"},
    "modern.clock_cpu": {"es": "tiempo de CPU", "en": "CPU time"},
    "modern.clock_help": {
        "es": "El tiempo real incluye esperar a que otro proceso suelte un núcleo; el de CPU cuenta "
              "solo el trabajo de este proceso (numpy usa aquí un hilo; TensorFlow, todos sus hilos "
              "sumados). Con la máquina cargada, el tiempo de CPU es el más fiel al coste.",
        "en": "Wall time includes waiting for another process to free a core; CPU time counts "
              "only this process's work (numpy uses one thread here; TensorFlow, all its threads "
              "added up). On a loaded machine CPU time is the truer measure of the cost.",
    },
    "modern.keras_scan": {"es": "minGRU, escaneo asociativo", "en": "minGRU, associative scan"},
    "modern.keras_loop": {"es": "minGRU, bucle (keras.ops.scan)", "en": "minGRU, loop (keras.ops.scan)"},
    "modern.cross_yes": {"es": "{fast} es más rápido que {slow} desde T = {T}.",
                         "en": "{fast} is faster than {slow} from T = {T} on."},
    "modern.cross_no": {"es": "{fast} no llega a ser más rápido que {slow} en ninguna T medida.",
                        "en": "{fast} is never faster than {slow} at any T measured."},
    "modern.where_loses": {
        "es": "**Dónde pierde el escaneo.** Hace más trabajo que el bucle (mira las combinaciones "
              "de arriba) y reserva memoria nueva en cada ronda; lo que ahorra es el coste fijo de "
              "cada paso (una llamada de numpy, o un paso de TensorFlow). Con pocas unidades manda "
              "ese coste fijo y el escaneo gana; con 64 unidades manda el trabajo y la ventaja casi "
              "desaparece. Una CPU de {cores} núcleos no tiene miles de hilos para hacer cada ronda "
              "a la vez: frente a la GRU y la LSTM de Keras, cuyo bucle está compilado en C++, la "
              "minGRU con escaneo gana poco o nada, y con la máquina cargada (tiempo real) no gana "
              "nunca. La forma logarítmica es más lenta que el escaneo: `cumsum` y "
              "`logaddexp.accumulate` recorren la secuencia en orden. Las mejoras del artículo se "
              "midieron en GPU.",
        "en": "**Where the scan loses.** It does more work than the loop (see the combinations "
              "above) and allocates new memory each round; what it saves is the fixed cost of each "
              "step (one numpy call, or one TensorFlow step). With few units that fixed cost "
              "dominates and the scan wins; with 64 units the work dominates and the advantage "
              "almost vanishes. A {cores}-core CPU has no thousands of threads to do each round at "
              "once: against Keras' GRU and LSTM, whose loop is compiled C++, the scanned minGRU "
              "gains little or nothing, and on the loaded machine (wall time) it never wins. The "
              "log-space form is slower than the scan: `cumsum` and `logaddexp.accumulate` walk the "
              "sequence in order. The paper's speed-ups were measured on a GPU.",
    },
    # 4. where they fail
    "modern.fail_title": {"es": "4. Dónde fallan: la paridad de una secuencia de bits",
                          "en": "4. Where they fail: the parity of a bit stream"},
    "modern.fail_body": {
        "es": "Tarea: leer bits 0/1 y decir en cada paso si **hasta ahora** ha habido un número par o "
              "impar de unos. Basta con un interruptor: cada 1 lo cambia. Se entrena aquí, en numpy, "
              "con {samples} secuencias de {steps} bits, y se evalúa con secuencias nuevas de "
              "{steps} bits y de {long} bits (más largas que las de entrenamiento).",
        "en": "Task: read 0/1 bits and say at every step whether there have been an even or an odd "
              "number of ones **so far**. A switch is enough: every 1 flips it. It trains here, in "
              "numpy, on {samples} sequences of {steps} bits, and is tested on new sequences of "
              "{steps} bits and of {long} bits (longer than in training).",
    },
    "modern.fail_cells": {"es": "Celdas", "en": "Cells"},
    "modern.fail_train": {"es": "Entrenar (unos segundos)", "en": "Train (a few seconds)"},
    "modern.fail_hint": {"es": "Pulsa «Entrenar» para ver el resultado.",
                         "en": "Press “Train” to see the result."},
    "modern.fail_none": {"es": "Elige al menos una celda.", "en": "Pick at least one cell."},
    "modern.fail_running": {"es": "Entrenando {cell}…", "en": "Training {cell}…"},
    "modern.fig_epochs": {"es": "Acierto en secuencias nuevas de {steps} bits, por época",
                          "en": "Accuracy on new sequences of {steps} bits, by epoch"},
    "modern.fig_by_step": {"es": "Acierto en cada paso de secuencias de {long} bits",
                           "en": "Accuracy at each step of sequences of {long} bits"},
    "modern.x_epoch": {"es": "Época", "en": "Epoch"},
    "modern.x_step": {"es": "Paso t", "en": "Step t"},
    "modern.y_accuracy": {"es": "Acierto", "en": "Accuracy"},
    "modern.trained_len": {"es": "longitud entrenada", "en": "trained length"},
    "modern.fail_result": {
        "es": "**{cell}**: {acc} de acierto con {steps} bits, {long_acc} con {long} bits "
              "({epochs} épocas, {seconds}).",
        "en": "**{cell}**: {acc} accuracy at {steps} bits, {long_acc} at {long} bits "
              "({epochs} epochs, {seconds}).",
    },
    "modern.fail_why": {
        "es": "**Por qué falla minGRU.** En cada unidad, un paso es $h \\mapsto a_t h + b_t$ con "
              "$0 < a_t < 1$, y $a_t$ no depende de $h_{t-1}$. Es una función creciente de $h$: "
              "si un estado «par» está por debajo de uno «impar», después del paso sigue por debajo. "
              "Un 1 tendría que intercambiarlos, y eso no lo puede hacer ninguna función creciente. "
              "Acierta en los primeros pasos (puede contar unos pocos unos) y luego se queda cerca "
              "del azar (50 %). La GRU sí puede: su puerta lee $h_{t-1}$ y su candidato pasa por "
              "una tanh de $h_{t-1}$. Grazzi y colaboradores (2025) demuestran que las "
              "recurrencias lineales diagonales con $a_t \\in [0, 1]$ no resuelven la paridad y que "
              "basta con permitir $a_t$ negativos.",
        "en": "**Why minGRU fails.** In each unit, a step is $h \\mapsto a_t h + b_t$ with "
              "$0 < a_t < 1$, and $a_t$ does not depend on $h_{t-1}$. It is an increasing function "
              "of $h$: if an \"even\" state lies below an \"odd\" one, after the step it still lies "
              "below. A 1 would have to swap them, which no increasing function can do. It is right "
              "on the first steps (it can count a few ones) and then stays near chance (50%). The "
              "GRU can: its gate reads $h_{t-1}$ and its candidate goes through a tanh of "
              "$h_{t-1}$. Grazzi and colleagues (2025) prove that diagonal linear recurrences with "
              "$a_t \\in [0, 1]$ cannot solve parity, and that allowing negative $a_t$ is enough.",
    },
    "modern.refs": {"es": "Referencias", "en": "References"},
    # The Hidden states stage with minGRU / minLSTM (the other stage strings are in hidden.py)
    "hidden.explain_mingru": {
        "es": "minGRU: la puerta z y el candidato h̃ leen solo xₜ, nunca hₜ₋₁. Cada paso es "
              "hₜ = (1 − z)·hₜ₋₁ + z·h̃: aquí z pesa el estado nuevo (z = 0 copia el anterior).",
        "en": "minGRU: the gate z and the candidate h̃ read xₜ only, never hₜ₋₁. Each step is "
              "hₜ = (1 − z)·hₜ₋₁ + z·h̃: here z weighs the new state (z = 0 copies the old one).",
    },
    "hidden.explain_minlstm": {
        "es": "minLSTM: f, i y el candidato h̃ leen solo xₜ. Las puertas se normalizan, "
              "f' = f/(f + i) e i' = i/(f + i), que suman 1: hₜ = f'·hₜ₋₁ + i'·h̃. No hay "
              "estado de celda aparte.",
        "en": "minLSTM: f, i and the candidate h̃ read xₜ only. The gates are normalised, "
              "f' = f/(f + i) and i' = i/(f + i), which add up to 1: hₜ = f'·hₜ₋₁ + i'·h̃. There "
              "is no separate cell state.",
    },
    "hidden.math_no_recurrent": {
        "es": "Sin términos de hₜ₋₁: en minGRU y minLSTM las puertas leen solo xₜ.",
        "en": "No hₜ₋₁ terms: in minGRU and minLSTM the gates read xₜ only.",
    },
    # Compare: the minimal cells beside the three classic ones
    "compare.modern": {"es": "Añadir minGRU y minLSTM", "en": "Add minGRU and minLSTM"},
    "compare.modern_help": {
        "es": "Entrena también las dos recurrencias mínimas (Feng et al., 2024) con los mismos "
              "datos, la misma partición y la misma semilla: cinco entrenamientos en lugar de tres.",
        "en": "Also train the two minimal recurrences (Feng et al., 2024) on the same data, split "
              "and seed: five trainings instead of three.",
    },
}
