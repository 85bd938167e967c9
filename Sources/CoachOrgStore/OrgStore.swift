import PostgresNIO
import Crypto
