/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pb-client.h"
#include "pb-test-server.h"

G_BEGIN_DECLS

/* The ways test-hostile.c has the server misbehave, one case each, and what a person must see
 * then (test-hostile-cases.c). */

#define TOKEN       "hostile-token-6b1f0c2e"
#define N_GOOD_ROWS 3

typedef enum
{
  HOW_ANSWER,          /* status, content type, body and Retry-After as given */
  HOW_WRONG_FIELD,     /* a list whose second connection has `field` set to `wrong` */
  HOW_TRUNCATED,       /* announces 1000 bytes, sends 10, closes */
  HOW_STALL_HEADERS,   /* never answers */
  HOW_STALL_BODY,      /* headers and the start of the body, then nothing */
  HOW_CLOSE,           /* closes the connection without a word */
  HOW_RESET,           /* resets the connection (TCP RST) without a word */
  HOW_REDIRECT_LOOP,   /* sends the client back to where it came from */
  HOW_REDIRECT_AWAY,   /* sends the client to a server of another origin */
  HOW_HUGE_ANNOUNCED,  /* announces 100 MiB and streams slowly */
  HOW_REPEAT_PAGE,     /* the same full page, whatever the offset */
  HOW_TLS_SELF_SIGNED, /* HTTPS with a self-signed certificate */
} How;

typedef char *(*MakeBody) (void);

typedef struct
{
  const char *name;
  How         how;
  guint       status;
  const char *content_type;
  const char *body;         /* literal body (NUL-terminated) */
  MakeBody    make_body;    /* or a body made on demand */
  const char *retry_after;
  const char *field;        /* HOW_WRONG_FIELD */
  const char *wrong;
  int         code;         /* PbClientError, or -1 when the answer loads */
  const char *fragment;     /* of the sentence the user reads (error cases) */
  guint       rows;         /* rows shown afterwards (cases that load) */
  const char *shows;        /* a text that must be on screen afterwards (cases that load) */
  gboolean    crashes;      /* may take the process down: run it in a child process */
  gboolean    first_only;   /* the refresh would check nothing new: not run */
} HostileCase;

#define LOADS (-1)

extern const HostileCase hostile_cases[];
extern const guint       n_hostile_cases;

/* Sets the server to misbehave as the case says; `other` is the server of another origin. */
void          hostile_misbehave  (PbTestServer      *server,
                                  PbTestServer      *other,
                                  const HostileCase *c);
/* A server that serves the good list of N_GOOD_ROWS connections, as its first and only page. */
PbTestServer *hostile_server_new (gboolean           tls);

G_END_DECLS
