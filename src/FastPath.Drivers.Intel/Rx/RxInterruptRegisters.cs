namespace FastPath.Drivers.Intel.Rx;

/// <summary>
/// Where a device keeps the MSI-X interrupt registers a receive queue's idle mode writes; receive queue q signals
/// vector q, bit q of each register. The 82599 and the 82576 name them alike (EIMS, EIMC, EICR) at different offsets.
/// </summary>
/// <param name="MaskSet">EIMS, extended interrupt mask set: writing bit q unmasks vector q (82599 8.2.3.5.4; 82576 8.8.5).</param>
/// <param name="MaskClear">EIMC, extended interrupt mask clear: writing bit q masks vector q (82599 8.2.3.5.5; 82576 8.8.6).</param>
/// <param name="CauseToClear">
/// EICR, extended interrupt cause, to clear (write 1) before unmasking so that a cause latched while the vector was
/// masked does not fire at once (82576 8.8.1); null when the device needs no such clear (the 82599 driver does not).
/// </param>
public readonly record struct RxInterruptRegisters(uint MaskSet, uint MaskClear, uint? CauseToClear = null);
