import NommerCore
