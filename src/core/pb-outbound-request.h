/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pb-types.h"

G_BEGIN_DECLS

/* What testing a connection makes Sitecore Personalize send to the outside service: its
 * method, URL, headers and body, with the ${placeholders} filled in from a table of values
 * when one is given. The preview of a test, Copy as cURL and the body of the test call are all
 * made here, so that what is shown is what is sent (but for masked secrets).
 *
 * A table of values maps a placeholder's name (the input mapping's key, without "${" and "}")
 * to its text, both char *. A placeholder the table does not name stays as it is. */

/* The input mappings' example values by key (the first mapping of a key wins); a mapping
 * without a key or with an empty example value is left out. Never NULL. */
GHashTable *pb_connection_dup_example_values (PbConnection *connection);

/* The names of the ${placeholders} of the request (URL, URL parameters, header values, body),
 * in the order they first appear, each once. Never NULL. */
GStrv       pb_connection_dup_placeholders   (PbConnection *connection);

/* Whether a test of the connection may change something out there, so that what it sends is
 * shown first: a Destination, or a method other than GET and HEAD. */
gboolean    pb_connection_test_has_effects   (PbConnection *connection);

/* How a value is put in place of a placeholder. */
typedef enum
{
  PB_FILL_TEXT, /* as it is (a header value loses its line breaks) */
  PB_FILL_URL,  /* what cannot stand in a URL (spaces, quotes, controls, …) percent-encoded */
  PB_FILL_BODY, /* in a body that is JSON, inside a string, escaped as JSON string content;
                 * anywhere else as it is */
} PbFillMode;

/* `text` with each ${placeholder} that `values` names replaced by its value (see PbFillMode).
 * NULL values: a copy of `text`. NULL text gives NULL. */
char       *pb_placeholders_fill             (const char   *text,
                                              GHashTable   *values,
                                              PbFillMode    mode);

typedef struct
{
  char      *method;  /* as the connection has it; "GET" when it has none */
  char      *url;     /* connectionUrl with the {name, value} URL parameters added */
  GPtrArray *headers; /* of PbNameValue, the custom headers that have a name, in order */
  char      *body;    /* the request body; NULL when there is none */
} PbOutboundRequest;

/* The request, filled from `values` (may be NULL), and then, unless include_secrets, masked by
 * the rule of pb-secret.h (secret-looking query parameters of the URL and URL parameters,
 * header values by name, members of the body). */
PbOutboundRequest *pb_outbound_request_new  (PbConnection      *connection,
                                             GHashTable        *values,
                                             gboolean           include_secrets);
void               pb_outbound_request_free (PbOutboundRequest *self);

/* The body of POST /v2/connections/testConnection: {"connection": <the object as received>},
 * with, when `values` is given, the placeholders of request.connectionUrl (PB_FILL_URL),
 * request.requestBody (PB_FILL_BODY) and the values of customHeaders and urlParameters
 * (PB_FILL_TEXT) filled in; every other byte of the object as received (unknown members too).
 * An object whose text is missing is sent as {}. */
char       *pb_connection_dup_test_body      (PbConnection *connection,
                                              GHashTable   *values);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PbOutboundRequest, pb_outbound_request_free)

G_END_DECLS
