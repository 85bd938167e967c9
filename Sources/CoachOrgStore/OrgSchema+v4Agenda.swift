extension OrgSchema {
    /// Version 4: an agenda topic can be removed (`agenda remove`), as in the local store's v9.
    /// The row stays with the status `removed`, so what was raised is kept and the topic leaves
    /// the next one-on-one. Who may change a topic is unchanged: the rep and their manager
    /// (`agenda_change`), through the `status` column they may already update.
    static let v4Agenda = """
        ALTER TABLE coach.agenda_item DROP CONSTRAINT agenda_item_status_check;
        ALTER TABLE coach.agenda_item ADD CONSTRAINT agenda_item_status_check
          CHECK (status IN ('open', 'discussed', 'removed'));
        """
}
