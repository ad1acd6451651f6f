print("nommer-sim")
