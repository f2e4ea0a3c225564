/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* The reason phrase of an HTTP status ("Accepted" for 202, "Service Unavailable" for 503),
 * translated; NULL for a status that has none. For the UI, which does not use libsoup. */
const char *pb_http_status_phrase (guint status);

/* "202 Accepted", or only the number for a status without a phrase. */
char       *pb_http_status_text   (guint status);

/* The one way Plugboard makes a SoupSession (for the API and for the sign-in service): its
 * user agent, and `timeout` seconds both for I/O (a server that sends nothing for that long)
 * and for idle connections; requests to this computer never go through a proxy. Use the
 * session on the thread that created it. */
SoupSession *pb_http_session_new     (guint                 timeout);

/* Reads the body of `message` from `stream` (what soup_session_send() gave) whole, into a
 * GBytes, but at most `max_size` bytes: an answer that announces more is refused before it is
 * read, one that grows past it while streaming is dropped there (the connection is closed);
 * both fail with G_IO_ERROR_MESSAGE_TOO_LARGE. Other errors are those of the stream. */
void         pb_http_read_body_async  (SoupMessage          *message,
                                       GInputStream         *stream,
                                       gsize                 max_size,
                                       GCancellable         *cancellable,
                                       GAsyncReadyCallback   callback,
                                       gpointer              user_data);
GBytes      *pb_http_read_body_finish (GAsyncResult         *result,
                                       GError              **error);

/* Whom a request went to: the words of an error differ (what to check in Preferences). */
typedef enum
{
  PB_HTTP_PEER_API,      /* the API at the account's server address */
  PB_HTTP_PEER_SIGN_IN,  /* the sign-in service at the token endpoint */
} PbHttpPeer;

/* The network monitor that pb_http_transport_error() asks whether this computer is online.
 * NULL (the default): the system's, g_network_monitor_get_default(). For tests. */
void         pb_http_set_network_monitor (GNetworkMonitor   *monitor);
/* The network monitor that decides (not owned). */
GNetworkMonitor *pb_http_get_network_monitor (void);

/* Turns a failure to send a request or to read its answer into a PB_CLIENT_ERROR (NETWORK,
 * TIMEOUT, TLS, or BAD_RESPONSE for an answer cut off or that HTTP cannot read), with a
 * sentence that names `host`. OFFLINE instead of NETWORK or TIMEOUT when there was no route
 * (network or host unreachable), or when the network monitor says there is no network and the
 * server did not refuse the connection and is not on this computer: a server that refuses is
 * reachable, and "offline" would send the user to the wrong place. Takes `error`; a cancellation or a PB_CLIENT_ERROR is returned as
 * it is. `tls_errors` and `certificate` are what SoupMessage::accept-certificate saw (0 and
 * NULL when it was not called); `status` is the status of the answer being read, or 0. */
GError      *pb_http_transport_error (GError               *error,
                                      PbHttpPeer            peer,
                                      const char           *host,
                                      guint                 status,
                                      GTlsCertificateFlags  tls_errors,
                                      GTlsCertificate      *certificate);

G_END_DECLS
