// Schema version 5: the leader's lease (several instances on one pool).
#include "Migrations.h"

namespace dopool {

QStringList leaderLeaseSqlite()
{
    // One instance per SQLite file: the same table for a uniform store, never used.
    return {QStringLiteral(R"sql(CREATE TABLE leader_lease (
        id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
        instance_id TEXT NOT NULL,
        backend_pid INTEGER NULL,
        epoch INTEGER NOT NULL,
        acquired_at TEXT NOT NULL,
        renewed_at TEXT NOT NULL,
        expires_at TEXT NOT NULL))sql")};
}

QStringList leaderLeasePostgres()
{
    // At most one row: who leads the scheduled rounds until when, on the database's clock.
    // epoch grows with every change of holder (or a holder that let it lapse), so a claim can
    // tell a lease it renewed from one it lost and took again.
    return {QStringLiteral(R"sql(CREATE TABLE leader_lease (
        id integer PRIMARY KEY CHECK (id = 1),
        instance_id text NOT NULL,
        backend_pid integer NULL,
        epoch bigint NOT NULL,
        acquired_at timestamptz NOT NULL,
        renewed_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL))sql")};
}

} // namespace dopool
