"""rnnlab: the core of an interactive explorer that teaches recurrent neural networks.

The package never imports streamlit, and importing it never imports TensorFlow: the modules
that train Keras models import it inside the functions that need it.
"""

__version__ = "0.1.0"
