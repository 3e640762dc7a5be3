__all__ = ['ttypes', 'constants', 'Commandable']
