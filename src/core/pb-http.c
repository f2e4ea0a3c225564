/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-http"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pb-client-private.h"
#include "pb-http.h"
#include "pb-http-proxy.h"

typedef struct
{
  guint       status;
  const char *phrase;
} StatusPhrase;

/* The phrases of RFC 9110 and the other registered statuses people meet. */
static const StatusPhrase phrases[] = {
  { 100, NC_("HTTP status", "Continue") },
  { 101, NC_("HTTP status", "Switching Protocols") },
  { 102, NC_("HTTP status", "Processing") },
  { 103, NC_("HTTP status", "Early Hints") },
  { 200, NC_("HTTP status", "OK") },
  { 201, NC_("HTTP status", "Created") },
  { 202, NC_("HTTP status", "Accepted") },
  { 203, NC_("HTTP status", "Non-Authoritative Information") },
  { 204, NC_("HTTP status", "No Content") },
  { 205, NC_("HTTP status", "Reset Content") },
  { 206, NC_("HTTP status", "Partial Content") },
  { 207, NC_("HTTP status", "Multi-Status") },
  { 208, NC_("HTTP status", "Already Reported") },
  { 226, NC_("HTTP status", "IM Used") },
  { 300, NC_("HTTP status", "Multiple Choices") },
  { 301, NC_("HTTP status", "Moved Permanently") },
  { 302, NC_("HTTP status", "Found") },
  { 303, NC_("HTTP status", "See Other") },
  { 304, NC_("HTTP status", "Not Modified") },
  { 305, NC_("HTTP status", "Use Proxy") },
  { 307, NC_("HTTP status", "Temporary Redirect") },
  { 308, NC_("HTTP status", "Permanent Redirect") },
  { 400, NC_("HTTP status", "Bad Request") },
  { 401, NC_("HTTP status", "Unauthorized") },
  { 402, NC_("HTTP status", "Payment Required") },
  { 403, NC_("HTTP status", "Forbidden") },
  { 404, NC_("HTTP status", "Not Found") },
  { 405, NC_("HTTP status", "Method Not Allowed") },
  { 406, NC_("HTTP status", "Not Acceptable") },
  { 407, NC_("HTTP status", "Proxy Authentication Required") },
  { 408, NC_("HTTP status", "Request Timeout") },
  { 409, NC_("HTTP status", "Conflict") },
  { 410, NC_("HTTP status", "Gone") },
  { 411, NC_("HTTP status", "Length Required") },
  { 412, NC_("HTTP status", "Precondition Failed") },
  { 413, NC_("HTTP status", "Content Too Large") },
  { 414, NC_("HTTP status", "URI Too Long") },
  { 415, NC_("HTTP status", "Unsupported Media Type") },
  { 416, NC_("HTTP status", "Range Not Satisfiable") },
  { 417, NC_("HTTP status", "Expectation Failed") },
  { 418, NC_("HTTP status", "I'm a Teapot") },
  { 421, NC_("HTTP status", "Misdirected Request") },
  { 422, NC_("HTTP status", "Unprocessable Content") },
  { 423, NC_("HTTP status", "Locked") },
  { 424, NC_("HTTP status", "Failed Dependency") },
  { 425, NC_("HTTP status", "Too Early") },
  { 426, NC_("HTTP status", "Upgrade Required") },
  { 428, NC_("HTTP status", "Precondition Required") },
  { 429, NC_("HTTP status", "Too Many Requests") },
  { 431, NC_("HTTP status", "Request Header Fields Too Large") },
  { 451, NC_("HTTP status", "Unavailable For Legal Reasons") },
  { 500, NC_("HTTP status", "Internal Server Error") },
  { 501, NC_("HTTP status", "Not Implemented") },
  { 502, NC_("HTTP status", "Bad Gateway") },
  { 503, NC_("HTTP status", "Service Unavailable") },
  { 504, NC_("HTTP status", "Gateway Timeout") },
  { 505, NC_("HTTP status", "HTTP Version Not Supported") },
  { 506, NC_("HTTP status", "Variant Also Negotiates") },
  { 507, NC_("HTTP status", "Insufficient Storage") },
  { 508, NC_("HTTP status", "Loop Detected") },
  { 510, NC_("HTTP status", "Not Extended") },
  { 511, NC_("HTTP status", "Network Authentication Required") },
};

const char *
pb_http_status_phrase (guint status)
{
  for (guint i = 0; i < G_N_ELEMENTS (phrases); i++)
    if (phrases[i].status == status)
      return g_dpgettext2 (GETTEXT_PACKAGE, "HTTP status", phrases[i].phrase);

  return NULL;
}

char *
pb_http_status_text (guint status)
{
  const char *phrase = pb_http_status_phrase (status);

  if (phrase == NULL)
    return g_strdup_printf ("%u", status);

  /* Translators: an HTTP status: its number and its phrase, e.g. "202 Accepted" */
  return g_strdup_printf (C_("HTTP status", "%u %s"), status, phrase);
}

SoupSession *
pb_http_session_new (guint timeout)
{
  /* libsoup opens at most 2 connections per host unless told otherwise (construct-only): a list
   * keeps PB_CLIENT_MAX_PAGES_IN_FLIGHT pages in flight, and a get or test may run beside it.
   * Requests to this computer go there directly: a proxy would read their bearer token or
   * client secret, sent in plain http to a loopback server. */
  g_autoptr(GProxyResolver) proxy = pb_http_proxy_new (NULL);

  return soup_session_new_with_options ("user-agent", "Plugboard/" PACKAGE_VERSION,
                                        "proxy-resolver", proxy,
                                        "timeout", timeout,
                                        "idle-timeout", timeout,
                                        "max-conns-per-host", PB_CLIENT_MAX_PAGES_IN_FLIGHT + 2,
                                        NULL);
}

/* {{{ Reading an answer with a size cap */

#define READ_CHUNK_SIZE (64 * 1024)
/* Room made at once for an answer that announces its length, before any of it has come. */
#define PRESIZE_LIMIT   (4 * 1024 * 1024)

typedef struct
{
  SoupMessage  *message;
  GInputStream *stream;
  GByteArray   *data;
  gsize         max_size;
  /* Cancelled by the caller's cancellable, or to drop an answer too large. */
  GCancellable *io_cancellable;
  GCancellable *cancellable;
  gulong        cancelled_id;
} BodyRead;

static void
cancel_io_cb (GCancellable *cancellable,
              GCancellable *io_cancellable)
{
  g_cancellable_cancel (io_cancellable);
}

static void
body_read_free (BodyRead *read)
{
  if (read->cancellable != NULL)
    g_cancellable_disconnect (read->cancellable, read->cancelled_id);
  g_clear_object (&read->cancellable);
  g_clear_object (&read->io_cancellable);
  g_clear_object (&read->message);
  g_clear_object (&read->stream);
  g_clear_pointer (&read->data, g_byte_array_unref);
  g_free (read);
}

static void
body_stream_closed_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_input_stream_close_finish (G_INPUT_STREAM (object), result, NULL);
}

/* Hangs up on an answer that is too large: with its I/O cancelled, libsoup drops the
 * connection instead of reading the rest of the body to keep it. */
static void
body_read_too_large (GTask *task)
{
  BodyRead *read = g_task_get_task_data (task);

  g_debug ("An answer of more than %" G_GSIZE_FORMAT " bytes: dropped", read->max_size);
  g_cancellable_cancel (read->io_cancellable);
  g_input_stream_close_async (read->stream, G_PRIORITY_DEFAULT, read->io_cancellable,
                              body_stream_closed_cb, NULL);
  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                           "The answer is larger than %" G_GSIZE_FORMAT " bytes",
                           read->max_size);
}

static void body_read_next (GTask *task);

static void
body_read_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BodyRead *read = g_task_get_task_data (task);
  g_autoptr(GBytes) bytes = NULL;
  GError *error = NULL;
  gsize size;

  bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);
  if (bytes == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  size = g_bytes_get_size (bytes);
  if (size == 0)
    {
      g_task_return_pointer (task, g_byte_array_free_to_bytes (g_steal_pointer (&read->data)),
                             (GDestroyNotify) g_bytes_unref);
      return;
    }

  if (size > read->max_size - read->data->len)
    {
      body_read_too_large (task);
      return;
    }

  g_byte_array_append (read->data, g_bytes_get_data (bytes, NULL), size);
  body_read_next (task);
}

static void
body_read_next (GTask *task)
{
  BodyRead *read = g_task_get_task_data (task);

  g_input_stream_read_bytes_async (read->stream, MIN (READ_CHUNK_SIZE, read->max_size + 1),
                                   G_PRIORITY_DEFAULT, read->io_cancellable, body_read_cb,
                                   g_object_ref (task));
}

void
pb_http_read_body_async (SoupMessage         *message,
                         GInputStream        *stream,
                         gsize                max_size,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SoupMessageHeaders *headers;
  BodyRead *read;

  g_return_if_fail (SOUP_IS_MESSAGE (message));
  g_return_if_fail (G_IS_INPUT_STREAM (stream));
  g_return_if_fail (max_size > 0 && max_size < G_MAXSIZE);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, pb_http_read_body_async);

  read = g_new0 (BodyRead, 1);
  read->message = g_object_ref (message);
  read->stream = g_object_ref (stream);
  read->max_size = max_size;
  read->io_cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    {
      read->cancellable = g_object_ref (cancellable);
      read->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (cancel_io_cb),
                                                  read->io_cancellable, NULL);
    }
  g_task_set_task_data (task, read, (GDestroyNotify) body_read_free);

  /* An answer that says it is too large is refused before a byte of it is read. */
  headers = soup_message_get_response_headers (message);
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH
      && soup_message_headers_get_content_length (headers) > (goffset) max_size)
    {
      body_read_too_large (task);
      return;
    }

  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH)
    read->data = g_byte_array_sized_new (MIN (soup_message_headers_get_content_length (headers),
                                              PRESIZE_LIMIT));
  else
    read->data = g_byte_array_new ();
  body_read_next (task);
}

GBytes *
pb_http_read_body_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pb_http_read_body_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* }}} */

static char *
describe_tls_problem (GTlsCertificateFlags  flags,
                      GTlsCertificate      *certificate)
{
  if (flags & G_TLS_CERTIFICATE_UNKNOWN_CA)
    {
      g_autofree char *subject = NULL;
      g_autofree char *issuer = NULL;

      if (certificate != NULL)
        {
          subject = g_tls_certificate_get_subject_name (certificate);
          issuer = g_tls_certificate_get_issuer_name (certificate);
        }

      if (subject != NULL && issuer != NULL && g_strcmp0 (subject, issuer) == 0)
        return g_strdup (_("The server’s certificate is not trusted (self-signed)."));
      else
        return g_strdup (_("The server’s certificate is not trusted (unknown issuer)."));
    }
  if (flags & G_TLS_CERTIFICATE_BAD_IDENTITY)
    return g_strdup (_("The server’s certificate is for another server."));
  if (flags & G_TLS_CERTIFICATE_EXPIRED)
    return g_strdup (_("The server’s certificate has expired."));
  if (flags & G_TLS_CERTIFICATE_NOT_ACTIVATED)
    return g_strdup (_("The server’s certificate is not valid yet. Check the date and time of "
                       "this computer."));
  if (flags & G_TLS_CERTIFICATE_REVOKED)
    return g_strdup (_("The server’s certificate has been revoked."));
  if (flags & G_TLS_CERTIFICATE_INSECURE)
    return g_strdup (_("The server’s certificate uses an insecure algorithm."));

  return g_strdup (_("A secure connection to the server could not be made."));
}

/* {{{ Offline or not */

static GNetworkMonitor *network_monitor;

void
pb_http_set_network_monitor (GNetworkMonitor *monitor)
{
  g_return_if_fail (monitor == NULL || G_IS_NETWORK_MONITOR (monitor));

  g_set_object (&network_monitor, monitor);
}

GNetworkMonitor *
pb_http_get_network_monitor (void)
{
  return network_monitor != NULL ? network_monitor : g_network_monitor_get_default ();
}

static gboolean
host_is_loopback (const char *host)
{
  g_autoptr(GSocketConnectable) parsed = NULL;
  g_autoptr(GInetAddress) address = NULL;
  const char *name = host;

  /* GUri gives an IPv6 literal without its brackets; the sign-in service's host has its port
   * ("127.0.0.1:8080", "[::1]:8080"). */
  if (!g_hostname_is_ip_address (host)
      && (parsed = g_network_address_parse (host, 0, NULL)) != NULL)
    name = g_network_address_get_hostname (G_NETWORK_ADDRESS (parsed));

  if (g_ascii_strcasecmp (name, "localhost") == 0)
    return TRUE;

  address = g_inet_address_new_from_string (name);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

/* Whether a failure to reach `host` is because this computer has no network. */
static gboolean
is_offline (const GError *error,
            const char   *host)
{
  GNetworkMonitor *monitor;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE)
      || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE))
    return TRUE;

  /* A refusal is an answer: the server is there. So is one on this computer. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED)
      || host_is_loopback (host))
    return FALSE;

  monitor = pb_http_get_network_monitor ();
  return monitor != NULL && !g_network_monitor_get_network_available (monitor);
}

/* }}} */

/* The sentence for the API. */
static char *
describe_api_problem (PbClientError         code,
                      const GError         *error,
                      const char           *host,
                      GTlsCertificateFlags  tls_errors,
                      GTlsCertificate      *certificate)
{
  switch ((int) code)
    {
    case PB_CLIENT_ERROR_TLS:
      if (tls_errors != 0)
        return describe_tls_problem (tls_errors, certificate);
      return g_strdup (_("A secure connection to the server could not be made."));

    case PB_CLIENT_ERROR_TIMEOUT:
      return g_strdup (_("The server did not answer in time. Try again later."));

    case PB_CLIENT_ERROR_OFFLINE:
      /* Translators: %s is a host name such as api-engage-eu.sitecorecloud.io. */
      return g_strdup_printf (_("This computer is not connected to a network, so the server "
                                "“%s” cannot be reached. Connect to a network and try again."),
                              host);

    case PB_CLIENT_ERROR_BAD_RESPONSE:
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT))
        return g_strdup (_("The server’s answer was cut off."));
      return g_strdup (_("The server sent an answer that Plugboard cannot read."));

    default:
      break;
    }

  if (error->domain == G_RESOLVER_ERROR)
    /* Translators: %s is a host name such as api-engage-eu.sitecorecloud.io. */
    return g_strdup_printf (_("The server “%s” could not be found. Check the server address "
                              "in Preferences and the connection to the Internet."), host);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
    /* Translators: %s is a host name such as api-engage-eu.sitecorecloud.io. */
    return g_strdup_printf (_("The server “%s” refused the connection. Check the server "
                              "address in Preferences."), host);

  /* Translators: %s is a host name such as api-engage-eu.sitecorecloud.io. */
  return g_strdup_printf (_("Plugboard could not talk to the server “%s”. Check the "
                            "connection to the Internet."), host);
}

/* The sentence for the sign-in service. */
static char *
describe_sign_in_problem (PbClientError  code,
                          const char    *host)
{
  switch ((int) code)
    {
    case PB_CLIENT_ERROR_TLS:
      return g_strdup_printf (_("The sign-in service at “%s” could not prove its identity (its "
                                "certificate is not trusted). Check the token endpoint in "
                                "Preferences."), host);

    case PB_CLIENT_ERROR_TIMEOUT:
      return g_strdup_printf (_("The sign-in service at “%s” did not answer in time. Check the "
                                "network connection and try again."), host);

    case PB_CLIENT_ERROR_BAD_RESPONSE:
      return g_strdup_printf (_("The sign-in service at “%s” did not answer with an access "
                                "token. Check the token endpoint in Preferences."), host);

    case PB_CLIENT_ERROR_OFFLINE:
      /* Translators: %s is a host name such as auth.sitecorecloud.io. */
      return g_strdup_printf (_("This computer is not connected to a network, so the sign-in "
                                "service at “%s” cannot be reached. Connect to a network and "
                                "try again."), host);

    default:
      return g_strdup_printf (_("Could not reach the sign-in service at “%s”. Check the "
                                "network connection and the token endpoint in Preferences."),
                              host);
    }
}

GError *
pb_http_transport_error (GError               *error,
                         PbHttpPeer            peer,
                         const char           *host,
                         guint                 status,
                         GTlsCertificateFlags  tls_errors,
                         GTlsCertificate      *certificate)
{
  g_autofree char *message = NULL;
  PbClientError code;

  g_return_val_if_fail (error != NULL, NULL);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
      || error->domain == PB_CLIENT_ERROR)
    return error;

  if (host == NULL)
    host = "";

  g_debug ("Request to %s failed: %s (%s %d)", host, error->message,
           g_quark_to_string (error->domain), error->code);

  if (error->domain == G_TLS_ERROR || tls_errors != 0)
    code = PB_CLIENT_ERROR_TLS;
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    code = PB_CLIENT_ERROR_TIMEOUT;
  else if ((g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT) && status != 0)
           || g_error_matches (error, SOUP_SESSION_ERROR, SOUP_SESSION_ERROR_PARSING)
           || g_error_matches (error, SOUP_SESSION_ERROR, SOUP_SESSION_ERROR_ENCODING))
    code = PB_CLIENT_ERROR_BAD_RESPONSE;
  else
    code = PB_CLIENT_ERROR_NETWORK;

  if ((code == PB_CLIENT_ERROR_NETWORK || code == PB_CLIENT_ERROR_TIMEOUT)
      && is_offline (error, host))
    code = PB_CLIENT_ERROR_OFFLINE;

  if (peer == PB_HTTP_PEER_SIGN_IN)
    message = describe_sign_in_problem (code, host);
  else
    message = describe_api_problem (code, error, host, tls_errors, certificate);

  g_error_free (error);
  return _pb_client_error_new (code, status, -1, NULL, message);
}
