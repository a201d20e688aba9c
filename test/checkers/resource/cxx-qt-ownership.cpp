// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t

// Qt's object model, declared here in miniature: a QObject created with a
// parent is the parent's to delete, QObject::disconnect() (const) drops
// signal connections and closes nothing, deleteLater() deletes the object.

class QObject {
public:
  explicit QObject(QObject *parent = nullptr);
  virtual ~QObject();
  bool disconnect(const char *signal = nullptr, const QObject *receiver = nullptr,
                  const char *method = nullptr) const;
  void deleteLater();
};

class QTimer : public QObject {
public:
  explicit QTimer(QObject *parent = nullptr);
  void start(int msec);
};

class QIODevice : public QObject {
public:
  explicit QIODevice(QObject *parent = nullptr);
  virtual void close();
};

class QTcpSocket : public QIODevice {
public:
  explicit QTcpSocket(QObject *parent = nullptr);
  void connectToHost(const char *host, int port);
};

class Window : public QObject {
public:
  // A plain QObject is not a connection: disconnect() is not a close.
  void restartTimer() {
    m_timer = new QTimer(this);
    m_timer->start(100);
  }
  // Created with a parent: the window deletes it.
  void reconnect() {
    m_socket = new QTcpSocket(this);
    m_socket->connectToHost("example.org", 80);
  }
  // Created without one: the previous socket leaks.
  void reconnectOrphan() {
    m_orphan = new QTcpSocket();
    // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'm_orphan' may still hold an open 'QTcpSocket' object from a previous call; it is overwritten without being closed [resource-unclosed-reassignment]
    m_orphan->connectToHost("example.org", 80);
  }
  // Given a null parent: no owner either.
  void reconnectNullParent() {
    m_other = new QTcpSocket(nullptr);
    // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'm_other' may still hold an open 'QTcpSocket' object from a previous call; it is overwritten without being closed [resource-unclosed-reassignment]
    m_other->connectToHost("example.org", 80);
  }
  // deleteLater() releases the old one.
  void reconnectLater() {
    if (m_later)
      m_later->deleteLater();
    m_later = new QTcpSocket();
    m_later->connectToHost("example.org", 80);
  }
  ~Window() {
    m_orphan->close();
    delete m_orphan;
    m_other->close();
    delete m_other;
    m_later->close();
    delete m_later;
    m_timer->disconnect();
  }

private:
  QTimer *m_timer = nullptr;
  QTcpSocket *m_socket = nullptr;
  QTcpSocket *m_orphan = nullptr;
  QTcpSocket *m_other = nullptr;
  QTcpSocket *m_later = nullptr;
};
