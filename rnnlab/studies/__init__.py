"""Forecasting with the network: multi-step strategies and rolling-origin studies that train one network per fold (above the training package)."""
