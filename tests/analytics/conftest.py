from tests.engines import engine, spark_engine

__all__ = ["engine", "spark_engine"]
