package io.adinsights.lakehouse.catalog;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.rowset.CachedRowSet;
import javax.sql.rowset.RowSetProvider;
import org.apache.iceberg.jdbc.JdbcClientPool;

/**
 * Iceberg's JDBC catalog pool for SQLite, with {@link DatabaseMetaData} answers read in full and closed at once.
 *
 * <p>Why: Iceberg 1.10's {@code JdbcCatalog.initialize} checks its tables with {@code getTables} / {@code getColumns}
 * and never closes the result sets. On SQLite an open result set keeps a read lock on the database file, so once the
 * catalog tables exist every other catalog's commit on the file (the batch layer's, while the API or another job has
 * the catalog open) fails with {@code SQLITE_BUSY}. Materializing those (tiny) results releases the lock at once.
 */
final class SqliteSafeClientPool extends JdbcClientPool {

    SqliteSafeClientPool(String uri, Map<String, String> properties) {
        super(uri, properties);
    }

    @Override
    protected Connection newClient() {
        Connection connection = super.newClient();
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, new Forwarder(connection, true));
    }

    private static final class Forwarder implements InvocationHandler {

        private final Object target;
        private final boolean connection;

        Forwarder(Object target, boolean connection) {
            this.target = target;
            this.connection = connection;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            Object result;
            try {
                result = method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            if (connection && method.getName().equals("getMetaData") && result instanceof DatabaseMetaData) {
                return Proxy.newProxyInstance(DatabaseMetaData.class.getClassLoader(),
                        new Class<?>[] {DatabaseMetaData.class}, new Forwarder(result, false));
            }
            if (!connection && result instanceof ResultSet resultSet) {
                return materialized(resultSet);
            }
            return result;
        }

        private static ResultSet materialized(ResultSet resultSet) throws SQLException {
            try (resultSet) {
                CachedRowSet copy = RowSetProvider.newFactory().createCachedRowSet();
                copy.populate(resultSet);
                return copy;
            }
        }
    }
}
