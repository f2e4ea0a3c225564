/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-http"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pb-http.h"

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
