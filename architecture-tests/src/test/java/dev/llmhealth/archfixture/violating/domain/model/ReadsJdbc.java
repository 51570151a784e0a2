package dev.llmhealth.archfixture.violating.domain.model;

import java.sql.Connection;
import java.sql.SQLException;

/** Domain code using JDBC: allowed by "java.* only", caught by the infrastructure list. */
public final class ReadsJdbc {
    public boolean alive(Connection connection) throws SQLException {
        return connection.isValid(1);
    }
}
