;; spv-forwarder: carries SPV Cloud anchor records from the chain that recorded them to this chain,
;; in two phases: prepare (lock) -> TXOUT SPV proof of the source output -> commit (see README.md).
;; Message data at deployment: "ns" (namespace, string) and "upgrade" (bool).
(namespace (read-string "ns"))

(module spv-forwarder GOVERNANCE
  @doc "SPV Cloud anchor forwarding: prepare a lock, then commit it with a TXOUT SPV proof of the spv-anchor output on the source chain."

  ;; Keyset names are fixed when the module is loaded, from the namespace it is loaded into.
  (defconst ADMIN-KEYSET:string (+ (read-string "ns") ".spv-cloud-admin"))
  (defconst OPERATOR-KEYSET:string (+ (read-string "ns") ".spv-cloud-operator"))

  (defconst HASH-ALGORITHM:string "SHA512t_256")
  (defconst MAX-ID-LENGTH:integer 128)
  ;; No "/" in ids: "/" separates the two ids in row keys.
  (defconst ID-CHARSET:string "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.:")
  (defconst ROOT-LENGTH:integer 43)
  (defconst BASE64URL-CHARSET:string "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
  ;; The last of the 43 characters of unpadded base64url for 32 bytes holds 2 data bits and 4 zero bits.
  (defconst ROOT-FINAL-CHARSET:string "AEIMQUYcgkosw048")
  (defconst MAX-LEAF-COUNT:integer 4294967296)
  (defconst DIGITS:string "0123456789")
  (defconst MAX-CHAIN-ID-LENGTH:integer 4)
  ;; A prepared forward must be committed within this many seconds of block time, or be cancelled.
  (defconst LOCK-SECONDS:decimal 3600.0)

  (defconst STATUS-PREPARED:string "prepared")
  (defconst STATUS-COMMITTED:string "committed")
  (defconst STATUS-CANCELLED:string "cancelled")

  (defcap GOVERNANCE ()
    @doc "Upgrading the module needs the admin keyset."
    (enforce-keyset ADMIN-KEYSET))

  (defcap OPERATOR ()
    @doc "Every phase needs the operator keyset; scope the operator signature to this capability."
    (enforce-keyset OPERATOR-KEYSET))

  (defcap FORWARD-PREPARED:bool (tenant-id:string batch-id:string root:string source-chain:string)
    @doc "Emitted when a forward is locked on this chain."
    @event
    true)

  (defcap FORWARD-COMMITTED:bool (tenant-id:string batch-id:string root:string leaf-count:integer source-chain:string)
    @doc "Emitted when a forward is committed with a verified TXOUT proof."
    @event
    true)

  (defcap FORWARD-CANCELLED:bool (tenant-id:string batch-id:string)
    @doc "Emitted when a prepared forward is cancelled."
    @event
    true)

  ;; What every phase returns.
  (defschema forward-record
    tenant-id:string
    batch-id:string
    root:string
    leaf-count:integer
    source-chain:string
    target-chain:string
    status:string)

  ;; The anchor record of spv-anchor, as forwarded-anchor returns it.
  (defschema anchor-record
    tenant-id:string
    batch-id:string
    root:string
    leaf-count:integer
    hash-algorithm:string)

  ;; One forward. Row key: "<tenant-id>/<batch-id>".
  (defschema forward
    tenant-id:string
    batch-id:string
    root:string
    leaf-count:integer
    source-chain:string
    status:string
    prepared-at:time
    expires-at:time
    updated-at:time)

  (deftable forwards:{forward})

  (defun all-in-charset:bool (text:string charset:string)
    @doc "True when every character of TEXT occurs in CHARSET."
    (fold (lambda (ok:bool c:string) (and ok (contains c charset))) true (str-to-list text)))

  (defun valid-id:bool (id:string)
    @doc "True when ID has 1 to MAX-ID-LENGTH characters, all from ID-CHARSET."
    (let ((n (length id)))
      (and (and (> n 0) (<= n MAX-ID-LENGTH))
           (all-in-charset id ID-CHARSET))))

  (defun valid-root:bool (root:string)
    @doc "True when ROOT is the canonical unpadded base64url text of 32 bytes."
    (and (= (length root) ROOT-LENGTH)
         (and (all-in-charset root BASE64URL-CHARSET)
              (contains (take -1 root) ROOT-FINAL-CHARSET))))

  (defun valid-chain-id:bool (chain-id:string)
    @doc "True when CHAIN-ID is 1 to MAX-CHAIN-ID-LENGTH decimal digits."
    (let ((n (length chain-id)))
      (and (and (> n 0) (<= n MAX-CHAIN-ID-LENGTH))
           (all-in-charset chain-id DIGITS))))

  (defun forward-key:string (tenant-id:string batch-id:string)
    (format "{}/{}" [tenant-id batch-id]))

  (defun forward-record-of:object{forward-record}
    (tenant-id:string batch-id:string root:string leaf-count:integer source-chain:string status:string)
    { "tenant-id": tenant-id
    , "batch-id": batch-id
    , "root": root
    , "leaf-count": leaf-count
    , "source-chain": source-chain
    , "target-chain": (at "chain-id" (chain-data))
    , "status": status })

  (defun prepare-forward:object{forward-record}
    (tenant-id:string batch-id:string root:string leaf-count:integer source-chain:string)
    @doc "Phase 1: lock (tenant id, batch id) on this chain for the anchor record expected from SOURCE-CHAIN."
    (with-capability (OPERATOR)
      (enforce (valid-id tenant-id) "Invalid tenant id")
      (enforce (valid-id batch-id) "Invalid batch id")
      (enforce (valid-root root) "Invalid root: expected 43 characters of unpadded base64url (32 bytes)")
      (enforce (and (> leaf-count 0) (<= leaf-count MAX-LEAF-COUNT)) "Invalid leaf count")
      (enforce (valid-chain-id source-chain) "Invalid source chain")
      (enforce (!= source-chain (at "chain-id" (chain-data))) "Source chain must differ from this chain")
      (let ((key (forward-key tenant-id batch-id))
            (now (at "block-time" (chain-data))))
        (with-default-read forwards key
          { "status": "" }
          { "status" := status }
          (enforce (or (= status "") (= status STATUS-CANCELLED)) (format "Forward already {}: {}" [status key])))
        (write forwards key
          { "tenant-id": tenant-id
          , "batch-id": batch-id
          , "root": root
          , "leaf-count": leaf-count
          , "source-chain": source-chain
          , "status": STATUS-PREPARED
          , "prepared-at": now
          , "expires-at": (add-time now LOCK-SECONDS)
          , "updated-at": now })
        (emit-event (FORWARD-PREPARED tenant-id batch-id root source-chain))
        (forward-record-of tenant-id batch-id root leaf-count source-chain STATUS-PREPARED))))

  (defun commit-forward:object{forward-record} (tenant-id:string batch-id:string proof:object)
    @doc "Phase 2: verify PROOF, a TXOUT SPV proof of the spv-anchor.record-batch output on the source chain, against the lock and commit it."
    (with-capability (OPERATOR)
      (let ((key (forward-key tenant-id batch-id)))
        (with-default-read forwards key
          { "status": "", "root": "", "leaf-count": 0, "source-chain": "", "expires-at": (time "1970-01-01T00:00:00Z") }
          { "status" := status, "root" := root, "leaf-count" := leaf-count, "source-chain" := source-chain, "expires-at" := expires-at }
          (enforce (!= status "") (format "No forward prepared: {}" [key]))
          (enforce (= status STATUS-PREPARED) (format "Forward already {}: {}" [status key]))
          (enforce (< (at "block-time" (chain-data)) expires-at) (format "Forward lock expired: {}" [key]))
          (let ((record (verify-spv "TXOUT" proof)))
            (enforce (and (contains "hash-algorithm" record) (= (at "hash-algorithm" record) HASH-ALGORITHM))
              "Proven output is not a SHA512t_256 anchor record")
            (enforce (and (contains "tenant-id" record) (= (at "tenant-id" record) tenant-id))
              "Proven anchor record has another tenant id")
            (enforce (and (contains "batch-id" record) (= (at "batch-id" record) batch-id))
              "Proven anchor record has another batch id")
            (enforce (and (contains "root" record) (= (at "root" record) root))
              "Proven anchor record has another root")
            (enforce (and (contains "leaf-count" record) (= (at "leaf-count" record) leaf-count))
              "Proven anchor record has another leaf count"))
          (update forwards key { "status": STATUS-COMMITTED, "updated-at": (at "block-time" (chain-data)) })
          (emit-event (FORWARD-COMMITTED tenant-id batch-id root leaf-count source-chain))
          (forward-record-of tenant-id batch-id root leaf-count source-chain STATUS-COMMITTED)))))

  (defun cancel-forward:object{forward-record} (tenant-id:string batch-id:string)
    @doc "Release a prepared (uncommitted) forward so that it can be prepared again."
    (with-capability (OPERATOR)
      (let ((key (forward-key tenant-id batch-id)))
        (with-default-read forwards key
          { "status": "", "root": "", "leaf-count": 0, "source-chain": "" }
          { "status" := status, "root" := root, "leaf-count" := leaf-count, "source-chain" := source-chain }
          (enforce (!= status "") (format "No forward prepared: {}" [key]))
          (enforce (= status STATUS-PREPARED) (format "Forward already {}: {}" [status key]))
          (update forwards key { "status": STATUS-CANCELLED, "updated-at": (at "block-time" (chain-data)) })
          (emit-event (FORWARD-CANCELLED tenant-id batch-id))
          (forward-record-of tenant-id batch-id root leaf-count source-chain STATUS-CANCELLED)))))

  (defun get-forward:object{forward} (tenant-id:string batch-id:string)
    @doc "The forward row (status, lock times). Fails when none was prepared."
    (let ((key (forward-key tenant-id batch-id)))
      (with-default-read forwards key
        { "status": "" }
        { "status" := status }
        (enforce (!= status "") (format "Forward not found: {}" [key])))
      (read forwards key)))

  (defun forwarded-anchor:object{anchor-record} (tenant-id:string batch-id:string)
    @doc "The anchor record a committed forward proved. Fails unless the forward is committed."
    (let ((key (forward-key tenant-id batch-id)))
      (with-default-read forwards key
        { "status": "", "root": "", "leaf-count": 0 }
        { "status" := status, "root" := root, "leaf-count" := leaf-count }
        (enforce (= status STATUS-COMMITTED) (format "Forward not committed: {}" [key]))
        { "tenant-id": tenant-id
        , "batch-id": batch-id
        , "root": root
        , "leaf-count": leaf-count
        , "hash-algorithm": HASH-ALGORITHM })))
)

(if (read-msg "upgrade")
  ["upgrade"]
  [(create-table forwards)])
