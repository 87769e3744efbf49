/** The words of the story: what people write in subjects, notes, comments and reasons. */

/** Contacts' titles and departments, the first being the customer's decision maker. */
export const contactRoles: Array<{ title: string; department: string; influence: string }> = [
  { title: "General manager", department: "Management", influence: "decision_maker" },
  { title: "Purchasing manager", department: "Purchasing", influence: "influencer" },
  { title: "Production manager", department: "Production", influence: "influencer" },
  { title: "Maintenance engineer", department: "Maintenance", influence: "user" },
  { title: "Process engineer", department: "Engineering", influence: "user" },
  { title: "Assistant to the general manager", department: "Management", influence: "gatekeeper" },
  { title: "Plant director", department: "Production", influence: "decision_maker" },
];

/** What a sales call, visit, e-mail or meeting is about. */
export const activitySubjects: Record<string, string[]> = {
  call: [
    "Follow-up call on the quotation",
    "Call about delivery schedule",
    "Checked budget approval status",
    "Call to arrange a site visit",
    "Clarified technical requirements",
    "Asked about the tender timeline",
    "Call about the spare parts order",
  ],
  visit: [
    "Site visit: production line survey",
    "Visit with application engineer",
    "Visit to present the new five-axis range",
    "Plant tour and layout measurements",
    "Visit after installation: customer feedback",
    "Quarterly account review on site",
  ],
  email: [
    "Sent brochure and reference list",
    "Sent revised technical proposal",
    "Sent cycle-time study",
    "Shared financing options",
  ],
  meeting: [
    "Technical workshop with engineering team",
    "Negotiation meeting with purchasing",
    "Demo at our Suzhou showroom",
    "Kick-off meeting for the automation project",
  ],
  note: ["Competitor offered a lower price", "Customer is expanding a second plant", "Key contact is changing jobs"],
};

/** What a rep notes after an activity. */
export const activityNotes = [
  "Customer is comparing three suppliers; price is important but delivery time decides.",
  "They want a trial cut on their own parts before deciding.",
  "Budget is approved for the second half of the year.",
  "Production manager is convinced; purchasing still needs a lower price.",
  "Asked for references in the automotive sector.",
  "Current machines are 15 years old and unreliable; strong need.",
  "The plant runs three shifts; uptime and service response matter most.",
  "They prefer local service engineers within 4 hours.",
  "Discussed a framework agreement for spare parts.",
  "Decision expected after the board meeting next month.",
];

/** A manager's comment on a visit or meeting of their rep. */
export const managerRemarks = [
  "Good visit. Next time bring the application engineer for the technical questions.",
  "Please confirm the budget owner before we spend more time on a demo.",
  "Make sure the quotation includes installation and training.",
  "Well done. Let's invite them to the showroom with their production manager.",
  "Who is the real decision maker here? Map the buying centre before the next visit.",
  "The competitor's offer is aggressive; talk to me before going below 15% discount.",
  "Send the reference list for automotive customers in Jiangsu.",
  "Follow up within a week; they are close to a decision.",
  "Good notes. Add the next step and a date in the opportunity.",
  "Check whether their maintenance contract with us is still active.",
];

/** Why a deal was lost. */
export const lostReasons = [
  "Competitor offered a lower price",
  "Customer postponed the investment",
  "Delivery time too long",
  "Lost the tender on technical score",
  "Budget was cut",
  "Customer chose a local supplier",
];

/** Competitors named when a deal is lost. */
export const competitors = [
  "Dalian Jingji Machine Tool",
  "Ningbo Haitong CNC",
  "Hanil Machine Tools",
  "Baumann Werkzeugmaschinen",
  "Orion Robotics",
  "Shenzhen Lida Automation",
];

/** Comments of approvers. */
export const approvalComments = {
  approve: [
    "Approved: strategic account.",
    "OK given the volume.",
    "Approved, but no further discount on spare parts.",
    "Fine for a reference customer.",
    "Approved.",
  ],
  reject: [
    "Discount too high for this margin; come back with at most 15%.",
    "Please add installation and training before we discuss the price.",
    "Payment terms are not acceptable: we need 30% advance.",
  ],
  return: ["Please attach the competitor's offer.", "Correct the delivery terms and resubmit."],
};

/** Service requests: a subject and a description per category. */
export const serviceRequestTexts: Record<string, Array<[string, string]>> = {
  repair: [
    ["Spindle vibration at high speed", "Strong vibration above 8,000 rpm; surface finish is out of tolerance."],
    ["Hydraulic pressure drops during cycle", "Pressure falls from 180 to 120 bar after two hours of operation."],
    ["Robot stops with servo alarm", "Axis 3 servo alarm after every 30 to 40 cycles; line is stopped."],
    ["Compressor overheats in the afternoon", "Temperature alarm at 105 °C when the workshop is hot."],
  ],
  maintenance: [
    ["Annual maintenance visit", "Scheduled yearly maintenance under the service agreement."],
    ["Ball screw lubrication check", "Customer asks for the 4,000-hour maintenance."],
  ],
  installation: [
    ["Installation and commissioning", "New machine delivered; please schedule installation and commissioning."],
    ["Relocation of a machine", "Customer moves the machine to a new hall and needs re-levelling."],
  ],
  spare_parts: [
    ["Spare seal kit needed", "Hydraulic cylinder leaks; customer orders a seal kit."],
    ["Replacement servo motor", "Servo motor damaged by a collision; needs replacement."],
  ],
  training: [["Operator training for new staff", "Three new operators need a two-day training."]],
  inquiry: [
    ["Question about alarm code E-214", "Operator asks what alarm E-214 means and how to reset it."],
    ["Request for software update", "Customer asks whether a new control software version is available."],
  ],
};

/** How service requests end. */
export const resolutions = [
  "Replaced the worn bearing and re-balanced the spindle; tested at full speed.",
  "Replaced the seal kit and refilled the hydraulic oil; pressure is stable.",
  "Updated the servo parameters and replaced the encoder cable.",
  "Cleaned the cooler and replaced the thermostat valve.",
  "Completed maintenance checklist; no defects found.",
  "Explained the alarm and reset procedure to the operator.",
  "Installed and commissioned; acceptance report signed by the customer.",
];

/** Complaints: a subject and a description per category. */
export const complaintTexts: Record<string, Array<[string, string]>> = {
  product_quality: [
    ["Repeated spindle overheating", "Third overheating in two months; the customer questions the machine's quality."],
    ["Paint damage on the delivered machine", "Paint was scratched in several places on delivery."],
  ],
  delivery: [
    ["Delivery two weeks late", "The machine arrived two weeks after the agreed date; production start was delayed."],
    ["Wrong accessories delivered", "The tool holders delivered do not match the order."],
  ],
  service: [
    [
      "Engineer arrived without spare parts",
      "The service engineer had to come back a second time; the line was down two days.",
    ],
    ["No answer from the hotline", "The customer called three times without getting a callback."],
  ],
  billing: [
    ["Invoice amount does not match the contract", "The invoice includes freight that the contract says is included."],
  ],
  staff_conduct: [["Unfriendly behaviour on site", "The customer reports that the installer was rude to their staff."]],
  other: [["Manual only in Chinese", "The customer needs the operating manual in English for their foreign staff."]],
};

/** How complaints are resolved. */
export const complaintResolutions = [
  "Replaced the faulty part free of charge and extended the warranty by six months.",
  "Issued a credit note for the freight and apologised to the customer.",
  "Sent a senior engineer on site the next day; root cause fixed.",
  "Apologised in writing and trained the team on the escalation procedure.",
  "Delivered the correct accessories by express courier.",
];
