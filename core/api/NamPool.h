#pragma once

#include <QList>
#include <QPointer>
#include <functional>
#include <memory>

class QNetworkAccessManager;
class QNetworkReply;
class QObject;

namespace dopool::api {

// Makes one QNetworkAccessManager with the given parent. Injected so tests can hand out
// fakes that answer from a script instead of the network.
using NamFactory = std::function<QNetworkAccessManager *(QObject *parent)>;

// A few QNetworkAccessManagers shared by every request of a client. Qt 6.4 opens at most 6
// HTTP/1.1 connections per host per manager, with no API to raise it; sync-all sends hundreds
// of requests at once, so they are spread over several managers. A request goes to the least
// busy manager made so far while that one still has a free connection, so its kept-alive
// connections (and their TLS sessions; with HTTP/2 one connection carries them all) are reused;
// a new manager is made only when every existing one has all its connections busy. A client
// that sends a few requests at a time opens one manager.
class NamPool
{
public:
    static constexpr int kConnectionsPerManager = 6;

    NamPool(int size, NamFactory factory, QObject *owner);

    QNetworkAccessManager *next();
    // The reply next()'s manager was given: counted as in flight until it finishes.
    void track(QNetworkAccessManager *manager, QNetworkReply *reply);
    int size() const { return int(m_managers.size()); }
    int created() const; // managers made so far

private:
    struct Slot
    {
        QPointer<QNetworkAccessManager> manager;
        std::shared_ptr<int> inFlight = std::make_shared<int>(0);
    };
    NamFactory m_factory;
    QObject *m_owner;
    QList<Slot> m_managers;
};

} // namespace dopool::api
