"""Messages of the from-scratch numpy engine (rnnlab.scratch): why training stopped."""

STRINGS = {
    "scratch.diverged": {
        "es": "El entrenamiento se detuvo en la época {epoch}: la pérdida o los gradientes dejaron "
        "de ser números finitos (la red divergió). Se conservan los últimos pesos finitos. "
        "Prueba con una tasa de aprendizaje menor, la activación tanh o el recorte del gradiente.",
        "en": "Training stopped at epoch {epoch}: the loss or the gradients stopped being finite "
        "numbers (the network diverged). The last finite weights are kept. Try a lower learning "
        "rate, the tanh activation or gradient clipping.",
    },
    "scratch.stopped": {
        "es": "Entrenamiento detenido tras la época {epoch}; se conservan los pesos de ese momento.",
        "en": "Training stopped after epoch {epoch}; the weights at that point are kept.",
    },
}
