__all__ = ['ttypes', 'constants', 'BeaconsV1']
