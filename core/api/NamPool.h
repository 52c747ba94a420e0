#pragma once

#include <QList>
#include <QPointer>
#include <functional>

class QNetworkAccessManager;
class QObject;

namespace dopool::api {

// Makes one QNetworkAccessManager with the given parent. Injected so tests can hand out
// fakes that answer from a script instead of the network.
using NamFactory = std::function<QNetworkAccessManager *(QObject *parent)>;

// A few QNetworkAccessManagers used in turn. Qt 6.4 opens at most 6 HTTP/1.1 connections
// per host per manager, with no API to raise it; sync-all sends hundreds of requests at
// once, so they are spread over several managers. Managers are made on first use only:
// a client that sends one request opens one.
class NamPool
{
public:
    NamPool(int size, NamFactory factory, QObject *owner);

    QNetworkAccessManager *next(); // round robin
    int size() const { return int(m_managers.size()); }
    int created() const; // managers made so far

private:
    NamFactory m_factory;
    QObject *m_owner;
    QList<QPointer<QNetworkAccessManager>> m_managers;
    int m_next = 0;
};

} // namespace dopool::api
